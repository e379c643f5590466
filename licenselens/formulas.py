"""Conditions stated in formulaic wording, read by rules instead of learned.

Some conditions are worded almost the same way in every licence that has
them: hand on a copy of the licence text with the work, keep the copyright
notices and credits, make adaptations but do not share them, leave
distribution to one party, use the work only for one defined purpose
("solely for Weather Forecasting Use") or only outside production.  A bag-of-n-grams model trained
without the licence at hand can miss them when its training copies of the
formula sit in other phrasing, so :func:`formulaic_conditions` recognises
the formula itself.  Each rule is narrow on purpose: it adds only what a
careful reader takes from the formula alone; on the corpus the rules fire
almost only on clauses an annotator gave the same label (README "Clause
analysis" has the count and how to reproduce it).  A rule only adds a
label; the classifier's shape rules (titles, definitions, clauses that deny
nothing) still apply afterwards.
"""

from __future__ import annotations

import re

#: Score reported for a label a formula added (the model's own probability
#: when that is higher): the rules are precise, not certain.
FORMULA_SCORE = 0.9

_SHARE_VERB = r"(?:share|distribute|redistribute|publish)"
#: A notice or credit, not copyright itself ("contributors keep their copyright").
_NOTICE = (r"\b(?:(?:copyright|attribution|author|authorship|proprietary|intellectual\s+property)\s+"
           r"(?:notices?|lines?|statements?|information|credits?)|"
           r"credits?|credit\s+lines?|attribution)\b")

#: Capitalised words after "solely for" that name no field of use: research,
#: non-commercial or lawful ends have conditions and categories of their own.
_NOT_A_FIELD = "Non|Research|Academic|Evaluation|Personal|Lawful|Educational|Scientific|Testing"

FORMULAS: dict[str, tuple[re.Pattern[str], ...]] = {
    # ordinary attribution: pass the licence text on, keep the notices
    "attribution": (
        re.compile(
            r"\b(?:include|includes|provide|provides|supply|supplies|give|gives|makes?\s+available|accompan\w*|"
            r"attach|present\w*)\b[^.;]{0,80}?\b(?:a\s+copy\s+of|the\s+(?:full\s+)?text\s+of|copies\s+of)\s+"
            r"(?:this|the)\s+(?:licen[cs]e|agreement|public\s+license)", re.I),
        re.compile(rf"\b(?:retain|retains|keep|keeps|preserve|reproduce|leave|leaving)\b[^.;]{{0,60}}?{_NOTICE}", re.I),
        re.compile(rf"\b(?:not|never)\s+(?:\w+\s+){{0,2}}?(?:remove|alter|obscure|delete)\w*\b[^.;]{{0,60}}?{_NOTICE}",
                   re.I),
        re.compile(r"\b(?:copyright|attribution)\s+notices?\b[^.;]{0,160}?\b(?:must|shall)\s+"
                   r"(?:not\s+be\s+removed|be\s+(?:retained|included|kept|preserved|reproduced))", re.I),
    ),
    # adaptations may be made but not shared ("produce and reproduce, but not Share, Adapted Material")
    "no-derivatives": (
        re.compile(rf"\bbut\s+not\s+{_SHARE_VERB}\b[^.;]{{0,40}}?\b(?:adapt\w*|derivative|modified)", re.I),
        # ... or the work itself may not be changed ("The Font Software may not be modified, altered,
        # or added to"): not its notices, marks or terms (attribution, naming), not "adapted to" a
        # purpose (a use restriction), not changes only made conditional ("... without consent")
        re.compile(r"^(?![^.;]*\b(?:notices?|credits?|headers?|disclaimers?|copyright|legends?|attribution|labels?|"
                   r"marks?|logos?|names?|this\s+licen[cs]e|terms|rights)\b)"
                   r"[^.;]*\b(?:may|shall|must|can)\s*not\s+be\s+(?:modified|altered|changed|adapted|translated|edited)\b"
                   r"(?!\s+(?:or\s+\w+\s+)?(?:to|for)\s)"
                   r"(?![^.;]*\b(?:unless|except|without|other\s+than|provided|but|if|so\s+as)\b)", re.I),
    ),
    # distribution kept to one party ("only the Lab has the right to redistribute the code"),
    # or forbidden outright ("it is forbidden to copy, merge, publish, distribute, sublicense,
    # and/or sell the Software"), not merely made conditional ("... unless", "... without")
    "no-distribution": (
        re.compile(rf"\b(?:forbidden|prohibited|not\s+permitted)\s+to\s+(?:[\w/]+,?\s+){{0,8}}?{_SHARE_VERB}\b"
                   r"(?![^.;]*\b(?:unless|except|without|other\s+than|provided|but|if|until|after|"
                   r"in\s+(?:any|a)\s+(?:manner|way)\s+that)\b)(?![^.;]*\bas\s+[\"\u201c])", re.I),
        re.compile(rf"\bonly\s+(?:\w+\s+){{1,4}}?(?:has|have|holds?|retains?)\s+the\s+rights?\s+to\s+"
                   rf"(?:{_SHARE_VERB}|sublicen[cs]e|hand\s+out)\b", re.I),
    ),
    # the rights withheld from commercial ends, in the words Creative Commons' NonCommercial
    # licences up to 3.0 (and the licences built on them) use: "You may not exercise any of
    # the rights granted to You ... in any manner that is primarily intended for or directed
    # toward commercial advantage or private monetary compensation"
    "non-commercial": (
        re.compile(r"\b(?:may|shall|must|will|can)\s*not\s+(?:exercise|use|copy|reproduce|distribute|redistribute|"
                   r"alter|modify|sell|share)\b[^.;]{0,200}?"
                   r"\b(?:intended\s+for|directed\s+(?:toward|towards|at))\b[^.;]{0,40}?"
                   r"\b(?:commercial\s+advantage|(?:private\s+)?monetary\s+compensation)", re.I),
        # ... or a grant made for non-commercial ends ("Permission to use, copy, modify, and
        # distribute this software ... for NON-COMMERCIAL purposes ... is hereby granted"), not
        # "for non-commercial or commercial purposes"
        re.compile(r"\b(?:grant\w*|permi(?:t|ts|tted|ssion)|licen[cs]e[ds]?\s+to|may|can|authori[sz]\w*|allowed)\b"
                   r"[^.;]{0,200}?(?<!commercial and )(?<!commercial or )\bfor\s+(?:(?:your|its|their|any|the)\s+)?"
                   r"(?:own\s+)?non-?commercial(?!\s+(?:or|and)\s+commercial)\s+(?:\w+\s+){0,2}?"
                   r"(?:purposes?|uses?|ends|research|activities|projects)\b", re.I),
    ),
    # use confined to a defined purpose other than research or non-commercial ends
    "field-of-use": (
        re.compile(r"\b(?:solely|only|exclusively)\s+for\s+(?:the\s+purposes?\s+of\s+)?(?:your\s+)?"
                   rf"(?!(?:{_NOT_A_FIELD})\b)"
                   r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Use|Uses|Purposes?)\b"),
        # ... or to a defined product, platform or device: "use the Software only as part of
        # Your Application", "deploy the models only on an Arclight device"
        re.compile(r"\b(?:use[sd]?|using|run|runs|execut\w*|install\w*|deploy\w*|distribut\w*|redistribut\w*|"
                   r"operat\w*|licensed)\b[^.;]{0,120}?(?<!based )\b(?:solely|only|exclusively)\s+"
                   r"(?:as\s+(?:a\s+)?part\s+of|in\s+(?:connection|conjunction)\s+with|within|with|on|in)\s+"
                   r"(?:[Tt]he\s+|[Yy]our\s+|[Aa]n?\s+)?"
                   rf"(?!(?:{_NOT_A_FIELD}|Territory|Countr(?:y|ies)|Region|United|European|English|Agreement|"
                   r"Licen[cs]e|Terms|Section|Accordance)\b)"
                   r"[A-Z][a-z]+\b(?![\'\u2019]s\s+behalf)(?!\s+own\b)"),
        # ... or to a maker's hardware or services: "must execute solely and exclusively on
        # microcontroller or microprocessor devices manufactured by or for <Vendor>", "only may be
        # used ... with the web services, computing platforms or applications provided by <Vendor>"
        re.compile(r"\b(?:solely|only|exclusively)\b(?:\s+(?:and\s+(?:solely|only|exclusively)|may|be|used|or|"
                   r"intended|for|use))*\s+(?:on|with|in)\s+"
                   r"[^.;]{0,80}?\b(?:devices?|hardware|chips?|processors?|boards?|products?|services|platforms?|"
                   r"applications)\s+(?:manufactured|made|produced|sold|supplied|provided|offered)\s+(?:by|for)\b", re.I),
        # ... or granted "for use in connection with the web services and APIs provided by <Vendor>"
        re.compile(r"\bfor\s+use\s+(?:only\s+|solely\s+|exclusively\s+)?(?:in\s+connection|in\s+conjunction|together)"
                   r"\s+with\s+[^.;]{0,80}?\b(?:devices?|hardware|products?|services|platforms?|applications|APIs?)\s+"
                   r"(?:manufactured|made|produced|sold|supplied|provided|offered)\s+(?:by|for)\b", re.I),
        # ... or to one maker's operating system: "extend only to the software ... that you create
        # that run on a Microsoft Windows operating system product"
        re.compile(r"\bonly\b[^.;]{0,120}?\bruns?\s+on\s+(?:an?\s+|the\s+)?(?:[A-Z]\w+\s+){1,3}"
                   r"operating\s+systems?\b"),
        # ... or to what is not production: "grants you the right to copy, modify, ... and make
        # non-production use of the Licensed Work", "solely in a Non-Production Environment"
        re.compile(r"\b(?:grant\w*|right\s+to|licen[cs]e\s+to|may|solely|only)\b[^.;]{0,160}?"
                   r"\bnon-?production\s+(?:use|purposes?|environments?)\b", re.I),
    ),
}


def formulaic_conditions(text: str) -> list[str]:
    """The condition ids whose formula the clause states, in :data:`FORMULAS` order."""
    return [label for label, patterns in FORMULAS.items() if any(p.search(text) for p in patterns)]
