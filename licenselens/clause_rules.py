"""The classify stage's rules: what a clause's wording, shape and place rule out.

The model (:mod:`licenselens.classify`) reads a bag of n-grams; it cannot
tell a title from a term, a ban from a statement of whose job the law is,
or the licensor's own duty from one laid on the reader.  These predicates
can, from the clause's words, its shape (a title, a definition, a question,
a list item and its lead-in) and its place (the section heading above it).
:meth:`ClauseClassifier._shaped <licenselens.classify.ClauseClassifier>`
applies them after the model: each bars labels, none adds one.  Each is
narrow on purpose and was counted on the corpus before it was kept (the
counts are in README "Clause analysis" and in the docstrings below).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .formulas import formulaic_conditions

# --------------------------------------------------------------------------- titles

#: A text of at most this many words (numbers and markers such as "(c)" not
#: counted), all capitalised, is a title ("Attribution 4.0 International",
#: "2. Exceptions and Limitations"), not a term.
TITLE_MAX_WORDS = 6
#: A list item this short is a bare phrase, read with its lead-in
#: (:meth:`ClauseClassifier.probabilities_in_context`).
BARE_ITEM_WORDS = 6
_SMALL_WORDS = frozenset({"and", "or", "of", "the", "to", "for", "in", "on", "a", "an", "with", "by"})


def is_title(text: str) -> bool:
    """True for a title: a few words, each capitalised, a number or a small
    word, like "Attribution 4.0 International" or "(c) Use of Content to
    Improve Services.".  A title names a section; it forbids or demands
    nothing, however much its words sound like a restriction ("3. Health
    Care"), so the classifier gives it no label (none of the corpus's 439
    title-shaped clauses carries one).  A heading in sentence case
    ("Protecting children", "Other limits") is one too when it is short and
    unpunctuated, no list item and no ban ("No spam", "Do not harass
    people") (:data:`_SENTENCE_CASE_HEADING`; none of the corpus's 57 such
    clauses carries a label)."""
    words = [w for w in _ITEM_MARKER.sub("", text, count=1).split() if w[:1].isalpha()]
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    if all(w[:1].isupper() or w in _SMALL_WORDS for w in words):
        return True
    return _SENTENCE_CASE_HEADING.match(text) is not None and not is_item(text) and not _BAN.search(text)


#: A short heading in sentence case: a capital, at most five words, nothing
#: ending it (a list item or sentence would end in ".", ";", "," or ":").
_SENTENCE_CASE_HEADING = re.compile(r"^[A-Z][^\s]*(?:\s+\S+){0,4}\s*$(?<![.;,:!?)\]])")
#: A list marker at the start of a clause: "(c)", "b.", "iv)", "3.1.2", "A.11", "-", "•".
_ITEM_MARKER = re.compile(
    r"^\s*(?:\(?(?:[a-z]|[ivxlc]{1,6}|\d{1,3})\)|(?:[a-z]|[ivxlc]{1,6}|[A-Z]|\d{1,3})\.(?:\d{1,3}\.?)*|"
    r"\d{1,3}(?:\.\d{1,3})+\.?|\[\d{1,3}\]|[-*\u2022\u2013\u00b7])\s+"
)
#: A defined term and its definition: '"Harm" includes ...', "1.4 'Military Use' means ...".
_DEFINITION = re.compile(
    r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?[\"\u201c\u2018'][^\"\u201d\u2019']{1,80}[\"\u201d\u2019']\s*"
    r"(?:\([^)]{0,80}\)\s*)?(?:means|shall mean|includes|shall include|refers to|is defined as|has the meaning)\b",
    re.IGNORECASE,
)
#: A short label run into the start of a sentence ("Restrictions: ...",
#: "4.2 Use limits: ..."), heading what follows rather than saying it.
_INLINE_HEADING = re.compile(r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?[A-Z][\w'\- ]{0,40}:\s+(?=\S)")
#: An inline heading that is itself a ban ("Not permitted:", "Prohibited:"): what follows is banned.
_BANNING_HEADING = re.compile(r"\b(?:not\s+(?:permitted|allowed)|prohibited|forbidden|banned|disallowed)\b", re.IGNORECASE)
#: A lead-in left open for its list ("The Model must not be used to:",
#: "Players must not use the chat to:", "You may not" before an inline
#: list): one sentence ending in a word that needs the items after it.  What it forbids is in the items, which carry
#: the categories; a lead-in that names the harm itself ("2. Watching
#: people. Do not use it for:", "Hurt people, including:") keeps them.
_OPEN_LEAD_IN = re.compile(
    r"^(?:(?![.!?]\s+[A-Z]).)*\b(?:(?:to|for|from|by|in|into|of|on|with|as|against|prevent|using|when|where|that)"
    r"\s*:|(?:to|for|from|by|into|of|not))\s*$", re.IGNORECASE | re.DOTALL)
#: A lead-in that bans the uses its list names ("The Work shall not be used
#: by anyone to support acts of:", "You agree not to use the Model for:").
USE_BAN_LEAD_IN = re.compile(
    r"\b(?:not|never)\b[^.:;]{0,80}?\b(?:use|used|using)\b[^.;]{0,160}:\s*$|"
    r"\b(?:prohibited|forbidden|restricted|banned)\s+(?:uses?|activities|purposes)\b[^.;]{0,80}:\s*$",
    re.IGNORECASE)
#: Wording that allows a use: "may use", "is allowed / permitted /
#: encouraged", "nothing in this Licence prevents".
_PERMISSION = re.compile(
    r"\b(?:may|can)\s+(?:\w+\s+){0,2}?(?:use|be\s+used|apply|rely)\b|"
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:allowed|permitted|encouraged|welcome)\b|"
    r"\bnothing\s+in\b[^.]{0,60}\b(?:prevents?|prohibits?|restricts?|stops?)\b|"
    r"\b(?:is|are)\s+not\s+(?:an?\s+)?(?:prohibited|restricted|forbidden)\b|"
    # "You may do anything that you want with it"
    r"\b(?:may|can)\s+do\s+(?:anything|whatever)\b", re.IGNORECASE)
#: ... and what makes a permission also a limit: a denial, an obligation, an
#: exception or proviso, "only", or an agreement to something.
_LIMITED_PERMISSION = re.compile(
    r"\b(?:agree\w*|not|no|never|nor|none|cannot|\w+n['\u2019]t|prohibit\w*|forbid\w*|only|solely|except\w*|"
    r"unless|provided|without|must|shall|refrain\w*|avoid\w*|ban\w*|barred)\b", re.IGNORECASE)
#: Words of obligation, prohibition, permission or limit.  A sentence without
#: any of them states a fact ("Payment is processed by a third party") and
#: cannot restrict a use.  Deliberately broad: it only has to rule out plain
#: statements, the classifier decides the rest.  A bare negation is no limit
#: word: "it is not a medical device", "no attempt was made to identify
#: them" state facts too; a negation limits as a ban (:data:`_BAN`).
_LIMIT_WORDS = re.compile(
    r"\b(?:cannot|(?:won|can|mustn|shouldn|shan|wouldn|couldn|needn)['\u2019]t|"
    r"prohibit\w*|forbid\w*|restrict\w*|only|solely|"
    r"exclusively|must|shall|require\w*|agree\w*|refrain\w*|avoid\w*|may|except\w*|"
    r"unless|ban\w*|barred|limit\w*|permi\w+|allow\w*|ensure\w*|undertak\w*|compl\w+|lawful\w*|unlawful\w*|"
    r"illegal\w*|violat\w*|breach\w*|against|subject|condition\w*|responsib\w*|accountab\w*|obligat\w*|"
    r"need|needs|have to|has to|will|should|remain\w*|keep\w*|approv\w*|consent\w*|authori[sz]\w*|"
    r"intend\w*|intent|consistent|inconsistent|respect\w*|disallow\w*|exclud\w*|reserv\w*|expressly)\b",
    re.IGNORECASE,
)
#: A negation that bans: an imperative ("Do not use ...", "...; never
#: share ..."), a "No ..." rule ("No spam, scams or fake reviews.", not "No
#: attempt was made ..."), or a condition stated of the licensee ("You do
#: not use the Work to ...").
_BAN = re.compile(
    r"(?:^|[;:.!?,]\s*)(?:please\s+)?(?:do\s+not|don['\u2019]t|never|not)\b|"
    r"^\W*no\b(?!\s+(?:\w+\s+){0,3}?(?:is|are|was|were|has|have|had|will|can)\b)|"
    r"\b(?:you|licensee|users?|recipients?)\s+(?:do|does)\s+not\b",
    re.IGNORECASE,
)
#: A sentence that continues a lead-in it was cut from: it starts in lower
#: case or with a gerund ("diagnosing illness without a clinician
#: involved;"), so the lead-in's words of limit apply to it.  Not a stray
#: word ("*or*") or an aside in brackets ("(formerly known as X)").
_CONTINUATION = re.compile(r"^\s*(?:(?-i:[a-z])\w*|\w+ing)\b(?:\s+\S+){2,}", re.IGNORECASE)


#: Words that deny or narrow a right.  ``no-distribution`` and
#: ``no-derivatives`` withhold a right, so a clause that has none of them
#: grants instead ("You may redistribute the Data, so long as: ...").
_DENIAL_WORDS = re.compile(
    r"\b(?:not|no|never|nor|neither|none|cannot|\w+n[\'\u2019]t|only|solely|exclusively|sole|prohibit\w*|"
    r"forbid\w*|restrict\w*|without|except\w*|unless|refrain\w*|internal\w*|in-house|personal|reserve[sd]?|"
    r"limited|(?<!non-)(?<!non )exclusive)\b",
    re.IGNORECASE,
)
#: What a ``user-threshold`` counts or limits: users, accounts, revenue, a
#: tier or a limit.  "No action may be brought more than one year after the
#: cause arose" states a number, but counts nothing of the kind.
_SCALE_WORDS = re.compile(
    r"\b(?:users?|user base|accounts?|mau|dau|revenues?|turnover|threshold|limits?|tiers?|count\w*|exceed\w*|"
    r"cross\w*|subscribers?|customers?|seats?|members?|employees?|requests?|installs?|installations?|devices?|"
    r"downloads?|size|scale|players?|viewers?)\b",
    re.IGNORECASE,
)
#: ``network-copyleft`` is share-alike triggered by use over a network, so
#: its clause speaks of one: a network, remote users, a server or service,
#: an API, hosting or deployment, or sits under a heading that does ("4.
#: Network use").  Without such a word a source-offer duty
#: ("The modified work must itself be a software library", "You must make
#: sure that they, too, can get the source code") is ordinary copyleft.
_NETWORK_WORDS = re.compile(
    r"\b(?:network\w*|remote\w*|server\w*|servic\w+|serving|apis?|interact\w*|deploy\w*|external(?:ly)?|"
    r"online|browsers?|endpoints?|host(?:s|ed|ing)?|web\w*|internet|saas|cloud|portals?|electronic\w*)\b",
    re.IGNORECASE,
)
NETWORK_COPYLEFT = "network-copyleft"
#: ``naming-attribution`` requires a name, mark or citation beyond ordinary
#: attribution, so its clause gives one: a quoted name or tagline ("must show
#: 'Built with X'"), or speaks of names, logos, badges, credits or citing.
#: "You must show them these terms" or "give every recipient a copy of this
#: License" names nothing.
_NAMING_WORDS = re.compile(
    r"\b(?:names?|named|naming|called|cit(?:e|es|ed|ing|ation)|logos?|badges?|marks?|brand\w*|credit\w*|"
    r"taglines?|captions?|acknowledg\w*|mention\w*|labels?|prefix\w*|titles?|"
    r"(?:made|built|created|generated|predicted|produced|powered)\s+(?:with|by|using|on)|based\s+on)\b|"
    r"['\"\u2018\u201c](?-i:[A-Z])[^'\"\u2019\u201d]{1,80}['\"\u2019\u201d]",
    re.IGNORECASE,
)
NAMING_ATTRIBUTION = "naming-attribution"
ATTRIBUTION = "attribution"

#: A policy on the licensor's trademarks ("Creative Commons' then-current
#: trademark usage guidelines") governs the use of its marks, not of the
#: work: no acceptable-use policy over the work (the one corpus clause that
#: names such a policy carries none).
_TRADEMARK_POLICY = re.compile(
    r"\btrademarks?\s+(?:usage\s+|use\s+)?(?:guidelines?|polic(?:y|ies)|rules)\b", re.IGNORECASE)
_USE_POLICY = re.compile(r"\bacceptable\s+use\b|\b(?:use|usage)\s+polic(?:y|ies)\b", re.IGNORECASE)
ACCEPTABLE_USE = "acceptable-use-policy"


def governs_only_marks(text: str) -> bool:
    """True when the only policy a clause binds to is one on trademarks (:data:`_TRADEMARK_POLICY`)."""
    return bool(_TRADEMARK_POLICY.search(text)) and not _USE_POLICY.search(_TRADEMARK_POLICY.sub(" ", text))
#: Sections that share out risk or settle disputes between the parties:
#: liability, indemnity, disclaimers, dispute resolution, governing law,
#: severability.  Their clauses may say "you agree" and name harms ("not
#: designed for use where failure could lead to death"; "your violation of
#: any rights of another"), but they forbid no use of the work.  Sections
#: named "General terms" or "Miscellaneous" are not among them: terms of
#: service put real prohibitions there (export, reverse engineering).
_NON_RESTRICTING_SECTION = re.compile(
    r"\b(?:liabilit\w*|indemn\w*|disclaim\w*|dispute\w*|arbitrat\w*|governing\s+law|choice\s+of\s+law|"
    r"jurisdiction|venue|severab\w*|entire\s+agreement)\b",
    re.IGNORECASE,
)
#: Handing on the licence itself ("you may not sublicense or transfer any of
#: your licenses", "may not assign this License") is not distributing the
#: work: recipients of a copy can take their own licence from the licensor.
#: A clause that also names an act of distribution (sell, rent, copies ...)
#: can still withhold it.
_LICENCE_TRANSFER = re.compile(
    r"\b(?:sublicen[cs]\w*|transfer\w*|assign\w*)\b[^.;]{0,40}?\b(?:licen[cs]es?|rights?)\b", re.IGNORECASE)
_DISTRIBUTION_ACT = re.compile(
    r"\b(?:(?:re)?distribut\w*|shar(?:e|ed|ing)|cop(?:y|ies)|make available|made available|publish\w*|sell|sold|"
    r"resell|rent|lease|lend|loan|host\w*|disclos\w*)\b",
    re.IGNORECASE,
)
NO_DISTRIBUTION = "no-distribution"
#: A ban on changing the licence document ("This license may not be modified
#: without the permission of its copyright owner") withholds nothing of the work.
_LICENCE_TEXT_FIXED = re.compile(
    r"\b(?:this|the)\s+licen[cs]e(?:\s+(?:text|document))?\s+(?:itself\s+)?(?:may|must|shall|can)\s*not\s+be\s+"
    r"(?:modified|changed|altered|edited)\b", re.IGNORECASE)


#: What follows from not accepting the licence ("If you do not agree, do not
#: use the Software"; "These actions infringe copyright if you do not accept
#: this License") binds no one who accepts it: no restriction, no condition.
_NON_ACCEPTANCE = re.compile(
    r"\bif\s+(?:you|licensee|recipient)\s+(?:do\s+not|don['\u2019]t|does\s+not|cannot)\s+(?:agree|accept|consent)\b|"
    r"\bif\s+you\s+disagree\b", re.IGNORECASE)


#: A statement of responsibility ("Recipient is solely responsible for
#: complying with export laws", "You remain responsible for obtaining ethics
#: approval", "it is solely Your responsibility to comply with all applicable
#: laws"): it says whose job the law or a permit is, and forbids no use (none
#: of the corpus's 25 such clauses carries a category).  Not when the
#: clause also bans outright ("... and must not ...").
_RESPONSIBILITY = re.compile(
    r"\b(?:is|are|remains?|be|alone)\s+(?:solely\s+|fully\s+|entirely\s+)?responsible\s+for\s+(?:\w+\s+){0,2}?"
    r"(?:complying|compliance|obtaining|deciding|checking|determining)\b|"
    # "You are solely responsible for ensuring that You do not export ... in violation of any
    # such laws": ensuring that the law is kept, not that something is done
    r"\bresponsible\s+for\s+(?:ensuring|making\s+sure)\b[^.;]{0,160}?\b(?:compl\w+|violat\w*|laws?|regulations?|lawful\w*)\b|"
    # "it is solely Your responsibility to comply with all applicable laws"
    r"\bresponsibility\s+to\s+(?:\w+\s+)?(?:comply|obtain|decide|check|determine)\b", re.IGNORECASE)
_OUTRIGHT_BAN = re.compile(r"\b(?:may|must|shall|will|can)\s+not\b|\b(?:agrees?|undertakes?)\s+not\b|\bcannot\b",
                           re.IGNORECASE)


def states_responsibility(text: str) -> bool:
    """True for a statement of whose responsibility something is that bans nothing (:data:`_RESPONSIBILITY`)."""
    return _RESPONSIBILITY.search(text) is not None and _OUTRIGHT_BAN.search(text) is None


def transfers_only_the_licence(text: str) -> bool:
    """True when the clause is about handing on the licence, not copies of the work (:data:`_LICENCE_TRANSFER`)."""
    return bool(_LICENCE_TRANSFER.search(text)) and not _DISTRIBUTION_ACT.search(text)


#: The law that governs the licence or the court that hears its disputes
#: ("This Licence shall be governed by the law of the country where the
#: Licensor resides", "If you acquired the software in any other country,
#: its laws apply", "subject to the exclusive jurisdiction of the courts of
#: ...") places the law, not the rights: naming a country there is no
#: ``geographic`` limit, and neither are the items of a lead-in that does
#: ("governed by Belgian law if: ... the Licensor has no residence inside
#: the Union").  Not when the clause also speaks of embargoes, sanctions or
#: export (:data:`_TRADE_LIMIT`) or bans (:data:`_OUTRIGHT_BAN`).  The
#: heading a clause sits under is no help here: a heading the layout
#: missed leaves export clauses under "Governing law".
_FORUM = re.compile(
    r"\bgoverned\s+by\b|\bconstrued\s+(?:in\s+accordance\s+with|under)\b|\bjurisdiction\s+of\b|"
    r"\bcourts?\s+(?:of|in|at|where|located)\b|\bvenue\b|"
    r"\blaws?\b[^.;]{0,60}?\b(?:will\s+|shall\s+)?(?:apply|applies|govern|governs)\b", re.IGNORECASE)
_TRADE_LIMIT = re.compile(r"\b(?:embargo\w*|sanction\w*|export\w*|re-?export\w*|restricted\s+part(?:y|ies))\b",
                          re.IGNORECASE)
GEOGRAPHIC = "geographic"


def names_the_forum(text: str) -> bool:
    """True for a clause that names the governing law or the court (:data:`_FORUM`), not a trade limit or a ban."""
    return bool(_FORUM.search(text)) and not _TRADE_LIMIT.search(text) and not _OUTRIGHT_BAN.search(text)


#: A sentence that reports what a law provides ("Under current U.S. export
#: regulations this software is eligible for export worldwide except to
#: embargoed destinations") cites the law as its source and binds no party:
#: it says what the law allows, and the licence adds nothing to it.  A
#: sentence that also binds someone ("you must", "Licensee shall", "you
#: agree") is a term (:data:`_BINDS_A_PARTY`).
_LAW_REPORTED = re.compile(
    r"^\W*(?:under|according\s+to|pursuant\s+to)\s+(?:[\w.()\-]+\s+){0,6}?"
    r"(?:laws?|regulations?|rules|acts?|statutes?|treaty|treaties)\b", re.IGNORECASE)
_BINDS_A_PARTY = re.compile(
    r"\b(?:you|your|licensee|recipients?|users?|customers?|must|shall|agrees?|undertakes?|required|prohibit\w*|"
    r"forbid\w*)\b", re.IGNORECASE)


def reports_the_law(text: str) -> bool:
    """True for a sentence that states what a law provides and binds no one (:data:`_LAW_REPORTED`)."""
    return bool(_LAW_REPORTED.search(text)) and not _BINDS_A_PARTY.search(text)


#: ``risk-disclosure`` is about telling people of a danger or a limit of
#: the system, so its clause names one: a risk, hazard, limitation, error,
#: failure, inaccuracy or a warning.  "And you must tell them their rights"
#: tells of no danger (it hands on the licence's freedoms).
_RISK_WORDS = re.compile(
    r"\b(?:risk\w*|hazard\w*|danger\w*|limit\w*|wrong|errors?|erroneous|fail\w*|faults?|defects?|weakness\w*|"
    r"shortcomings?|gaps?|inaccura\w*|accura\w*|incorrect|unreliab\w*|reliab\w*|unsafe|safety|warn\w*|"
    r"misuse\w*|miss|missed|misstat\w*|omit\w*|unpredictab\w*|unexpected|mistakes?|false|biase?d?|"
    r"verif\w*|unverified|checked|cannot\s+do|can\s+and\s+cannot|caveats?|uncertain\w*)\b", re.IGNORECASE)
RISK_DISCLOSURE = "risk-disclosure"
#: ``ai-disclosure`` is about the machine behind content or a conversation
#: (taxonomy: passing machine output off as human work, hiding that content
#: is machine-generated or that an agent is not a person), so its clause, its
#: lead-in or its heading names one: AI, a model, a bot or agent, software,
#: generated or synthetic output, or a human it could pass for; or the label
#: or mark that tells them apart.  "And you must tell them their rights"
#: (a copyleft licence handing on its freedoms) names none.
_MACHINE_WORDS = re.compile(
    r"\b(?:ai|a\.i\.|artificial\w*|machines?|machine-\w+|generat\w*|synthe\w*|automat\w*|(?:chat)?bots?|"
    r"robot\w*|agents?|assistants?|models?|outputs?|software|programs?|algorithm\w*|computer\w*|humans?|"
    r"human-\w+|deepfakes?|avatars?|virtual|digital\w*|labels?|labell?ed|labell?ing|marked|marking|markers?|"
    r"watermark\w*|provenance)\b", re.IGNORECASE)
AI_DISCLOSURE = "ai-disclosure"

#: The licensor's power to publish new versions of the licence for copies
#: obtained later ("may change this License, and the amended license will
#: apply to all copies downloaded after the new license is posted") is how
#: every licence is versioned: copies already held keep their terms, so it
#: is neither a use policy incorporated by reference nor a power to restrict
#: use remotely.  Changing the use rules themselves ("may amend paragraph
#: 9", "may revise this policy") is not this.
_LICENCE_CHANGED = re.compile(
    r"\b(?:may|can|will|reserves?\s+the\s+right\s+to)\s+(?:\w+\s+){0,5}?(?:change|update|amend|revise|modify|replace|"
    r"publish\s+(?:new|revised|updated)\s+versions?\s+of)\s+(?:this|the)\s+(?:licen[cs]e|agreement)\b", re.IGNORECASE)
_LATER_COPIES_ONLY = re.compile(
    r"\b(?:downloaded|obtained|received|released|acquired|distributed|made)\s+after\b|"
    r"\bfuture\s+(?:versions?|releases?|copies)\b|\b(?:releases?|copies)\s+made\s+after\b", re.IGNORECASE)
_USE_RULES = re.compile(r"\b(?:polic(?:y|ies)|restrictions?|prohibit\w*|paragraphs?|sections?|schedules?|"
                        r"attachments?|acceptable)\b", re.IGNORECASE)
VERSIONING_BARS = frozenset({ACCEPTABLE_USE, "remote-control"})


def versions_the_licence(text: str) -> bool:
    """True for a new-versions clause that reaches only copies obtained later (:data:`_LICENCE_CHANGED`)."""
    return (bool(_LICENCE_CHANGED.search(text)) and bool(_LATER_COPIES_ONLY.search(text))
            and not _USE_RULES.search(text))


#: A warning that the work is not made for some uses ("You acknowledge that
#: the Covered Code is not intended for use in high risk activities, including
#: ... nuclear facilities") tells the user what the licensor does not
#: promise; it forbids nothing.  A clause that says the work is not
#: *licensed* for them ("not designed, licensed or intended for use in ...
#: any nuclear facility") or bans outright withholds the use.
_NOT_MADE_FOR = re.compile(
    r"\bnot\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,3}?(?:designed|intended|meant|suitable|fault[- ]tolerant)"
    r"(?:,?\s+(?:or|and)\s+[\w-]+)?\s+for\b", re.IGNORECASE)
_NOT_LICENSED_FOR = re.compile(r"\bnot\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,3}?licen[cs]ed\b|\bprohibit\w*|\bforbid\w*",
                               re.IGNORECASE)


def warns_of_unfitness(text: str) -> bool:
    """True for a statement that the work is not made for some use and that withholds none (:data:`_NOT_MADE_FOR`)."""
    return (bool(_NOT_MADE_FOR.search(text)) and not _NOT_LICENSED_FOR.search(text)
            and not _OUTRIGHT_BAN.search(text))


#: A ban on claiming the licensor's endorsement ("you should not imply
#: endorsement by the author", "the names of the contributors may not be used
#: to endorse products") protects the licensor's name, like a trademark
#: clause: it restricts no use of the work (none of the corpus's 36 such
#: clauses carries a category).  Endorsement put in the mouth of other
#: people - a public figure, the people shown, a cloned voice - is
#: impersonation, and keeps its category.
_ENDORSEMENT = re.compile(r"\b(?:endors\w*|sponsor\w*)\b", re.IGNORECASE)
_OWN_NAME = re.compile(
    r"\b(?:licensors?|authors?|copyright\s+(?:holders?|owners?)|contributors?|names?|trade\s*marks?|logos?|"
    r"we|us|our|steward|maintainers?)\b", re.IGNORECASE)
_OTHER_PEOPLE = re.compile(
    r"\b(?:people|public\s+figures?|celebrit\w*|likeness\w*|voices?|individuals?|politicians?)\b", re.IGNORECASE)


def guards_own_name(text: str) -> bool:
    """True for a clause against implying the licensor's endorsement (:data:`_ENDORSEMENT`)."""
    return bool(_ENDORSEMENT.search(text) and _OWN_NAME.search(text)) and not _OTHER_PEOPLE.search(text)


#: What the licensor says of itself binds the licensor, not the reader:
#: a duty it takes on ("rightsholders need to clearly state what they are
#: dedicating", "Licensor covenants to all recipients: ... to specify a
#: Change License ...") or a right it gives up ("The Data Provider(s) reserve
#: no right or expectation of privacy in any Data they Publish").  A power
#: over the reader ("Licensor may terminate ...", "reserves the right to
#: restrict usage", "Licensor shall have the right to: ...") is no such
#: statement, nor is a clause that also binds the reader
#: (:data:`_READER_BOUND`).
_LICENSOR_SIDE = (r"(?:licensors?|rights?\s*holders?|copyright\s+(?:holders?|owners?)|"
                  r"(?:data\s+)?providers?(?:\(s\))?|affirmers?|dedicators?)")
_LICENSOR_OWN_DUTY = re.compile(
    rf"\b{_LICENSOR_SIDE}\s+(?:hereby\s+|also\s+|further\s+|expressly\s+)?"
    r"(?:covenants?|undertakes?|promises?|commits?|needs?\s+to|must|shall|has\s+to|have\s+to|"
    r"(?:is|are)\s+required\s+to|reserves?\s+no|waives?|retains?\s+no)\b"
    # "Licensor shall have the right to: ... disable any copy" is a power, not a duty
    r"(?!\s+(?:\w+\s+)?(?:have|has|be\s+entitled|be\s+free|retain|reserve)\b)", re.IGNORECASE)
_READER_BOUND = re.compile(
    r"\b(?:you|licensee|recipients?|users?)\s+(?:\w+\s+){0,2}?(?:must|shall|may\s+not|agrees?|will\s+not|cannot|"
    r"(?:are|is)\s+(?:not\s+)?(?:permitted|allowed|required))\b", re.IGNORECASE)


#: ... the licensor as the subject, not the object ("any Contribution
#: submitted by You to the Licensor shall be under the terms ...").
_LICENSOR_AS_OBJECT = re.compile(r"\b(?:to|by|from|of|for|with|on|against)\s+(?:the\s+|any\s+|each\s+)?$",
                                 re.IGNORECASE)


def binds_the_licensor(text: str) -> bool:
    """True for a statement of the licensor's own duty or waiver that binds no reader (:data:`_LICENSOR_OWN_DUTY`)."""
    if _READER_BOUND.search(text):
        return False
    return any(not _LICENSOR_AS_OBJECT.search(text, max(0, m.start() - 12), m.start())
               for m in _LICENSOR_OWN_DUTY.finditer(text))


#: A grant to the reader that attaches no term to it ("Effective on the
#: Change Date, the Licensor hereby grants you rights under the terms of the
#: Change License") gives rights; share-alike binds what the reader hands on
#: and needs words that bind (:data:`_BINDING_WORDS`: must, only, provided,
#: if, the same ...).  None of the corpus's 35 grants without them carries
#: ``copyleft``.
_GRANT_TO_YOU = re.compile(
    r"\b(?:hereby\s+)?grants?\s+(?:to\s+)?(?:you|licensee)\b|\b(?:you|licensee)\s+(?:are|is)\s+(?:hereby\s+)?granted\b",
    re.IGNORECASE)
_BINDING_WORDS = re.compile(
    r"\b(?:must|shall|only|provided|providing|subject\s+to|condition\w*|requir\w*|not|so\s+long\s+as|"
    r"as\s+long\s+as|unless|except\w*|if|when|same)\b", re.IGNORECASE)
SHARE_ALIKE = frozenset({"copyleft", NETWORK_COPYLEFT})


def grants_without_terms(text: str) -> bool:
    """True for a grant to the reader with no word that binds (:data:`_GRANT_TO_YOU`)."""
    return bool(_GRANT_TO_YOU.search(text)) and not _BINDING_WORDS.search(text)


#: A clause that allows commercial ends as well ("for commercial and
#: non-commercial purposes", "for any purpose, including commercial ones",
#: "even for commercial purposes") keeps use to no non-commercial end; none
#: of the corpus's 18 such clauses is labelled ``non-commercial``.  Not when
#: it then withholds commercial use ("... but not for commercial products").
_COMMERCIAL_TOO = re.compile(
    r"\bcommercial\s+(?:and|or|as\s+well\s+as)\s+non-?\s?commercial\b|"
    r"\bnon-?\s?commercial\s+(?:and|or|as\s+well\s+as)\s+commercial\b|"
    r"\b(?:even|including|also)\s+(?:for\s+|in\s+)?commercial\b", re.IGNORECASE)
_COMMERCIAL_DENIED = re.compile(
    r"\b(?:not|no|never|nor|except|excluding|other\s+than|without)\s+(?:\w+\s+){0,3}?commercial", re.IGNORECASE)
NON_COMMERCIAL = "non-commercial"


def allows_commercial_use(text: str) -> bool:
    """True when the clause allows commercial ends too (:data:`_COMMERCIAL_TOO`) and withholds none."""
    return bool(_COMMERCIAL_TOO.search(text)) and not _COMMERCIAL_DENIED.search(text)


#: A lead-in that makes its items conditions of handing the work on ("If
#: the Recipient Redistributes the Licensed Program under Paragraph 6, the
#: Recipient shall meet all of the following conditions:").  An item there
#: that forbids altering the work ("The Recipient may not alter or otherwise
#: modify the Licensed Program") says what the copies handed on under that
#: permission must be, verbatim; it withholds no right to adapt the work,
#: which the licence gives or withholds elsewhere.
_ON_DISTRIBUTION = re.compile(
    r"(?:^|[.;:]\s+)\W*(?:if|when|whenever|where)\b[^.;:]{0,200}?\b(?:(?:re)?distribut\w*|convey\w*|shares?|"
    r"(?:hands?|handing|pass|passes|passing)\s+(?:\w+\s+){0,3}?on)\b"
    r"[^.;]{0,200}:\s*$", re.IGNORECASE)


def conditions_distribution(lead_in: str | None) -> bool:
    """True for a lead-in whose items are conditions of distributing the work (:data:`_ON_DISTRIBUTION`)."""
    return bool(lead_in) and bool(_ON_DISTRIBUTION.search(lead_in))


#: A duty denied ("It is not a requirement that recipients provide further
#: users with a copy of this licence", "you need not publish private
#: changes", "is under no obligation to") imposes nothing: no restriction,
#: no condition (none of the corpus's 36 such clauses that state no other
#: duty carries a label).  A clause that denies one duty and states another
#: ("Credit is not required for commercial use, but editorial uses must
#: credit ...", "imposes no duty beyond keeping the notice", "you need not
#: ask unless you copy a large part"), or states a power ("is not obliged to
#: support it, and may block access at any time"), keeps what the other
#: says (:data:`_DUTY`).
_NO_DUTY = re.compile(
    r"\b(?:is|are)\s+not\s+(?:a\s+)?(?:requirement|required|obliged|obligated)\b(?:\s+(?:to|that|for))?|"
    r"\bnot\s+(?:be\s+)?required\s+to\b|\b(?:under\s+|assumes\s+|has\s+|have\s+|carry\s+|carries\s+|creates\s+)?"
    r"no\s+(?:requirement|obligation|duty)\b|\bneed\s+not\b|\bdo(?:es)?\s+not\s+(?:have|need)\s+to\b", re.IGNORECASE)
_DUTY = re.compile(
    r"\b(?:must|shall|required|requirement|requires?|obliged|obligat\w*|have\s+to|has\s+to|needs?\s+to|may\s+not|"
    r"cannot|agrees?|only|prohibit\w*|forbid\w*|beyond|other\s+than|unless|at\s+any\s+time|"
    r"reserves?\s+the\s+right)\b", re.IGNORECASE)


def denies_duty(text: str) -> bool:
    """True for a clause that denies a duty and states none (:data:`_NO_DUTY`)."""
    return bool(_NO_DUTY.search(text)) and not _DUTY.search(_NO_DUTY.sub(" ", text))


def _under_licensor_duty(text: str, lead_in: str | None) -> bool:
    """True for a list item under a lead-in that states the licensor's own
    duty ("Licensor covenants to all recipients: 1. To specify a Change
    License ..."), the item binding no reader itself."""
    return bool(lead_in) and lead_in.rstrip().endswith(":") and binds_the_licensor(lead_in) \
        and not _READER_BOUND.search(text)


#: ``restrictions-flow-down`` passes terms on to someone or something else:
#: it names who or what receives them (:data:`_DOWNSTREAM`: recipients,
#: users, licensees, derivatives, copies ...) and what is passed on
#: (:data:`_PASSED_ON`: terms, licence, restrictions, policy, "bind",
#: "subject to", "inherit" ...), and not only the licensor's protection
#: (:data:`_LICENSOR_PROTECTION`) or credits and a copy of the licence
#: (:data:`_CREDIT`), and it does not forbid added terms
#: (:data:`_NO_ADDED_TERMS`).  "If You Share the Licensed Material, You
#: must:" and "You must comply with the conditions in Section 3(a) if You
#: Share" bind only the licensee.  A list item continues a lead-in that may
#: name the recipients, so it needs only the second.
_DOWNSTREAM = re.compile(
    r"\b(?:recipients?|downstream|third[- ]part(?:y|ies)|end[- ]users?|users?|licensees?|sublicensees?|customers?|"
    r"any ?one|everyone|others|them|whom|who|persons?|entit(?:y|ies)|colleagues|collaborators|staff|contractors|"
    r"individuals|employees|owners?|derivatives?|derived|fine-?tun\w+|distilled|modifications|"
    r"(?:modified|adapted) versions?|versions?|copies|successors?|assignees?)\b",
    re.IGNORECASE,
)
_PASSED_ON = re.compile(
    r"\b(?:terms?|licen[cs]es?|agreements?|restrict\w*|polic(?:y|ies)|aup|sections?|articles?|paragraphs?|"
    r"attachments?|provisions?|conditions?|subject|bind\w*|inherit\w*|appl(?:y|ies)|requir\w*|pass\w*|flow\w*|"
    r"enforce\w*|notice|same|guidelines|limits?|comply|accept\w*|forbids?|prohibit\w*)\b",
    re.IGNORECASE,
)
#: What protects the licensor (warranty disclaimers, liability limits,
#: indemnities) is no use restriction: a clause passing only that on
#: ("your terms include a warranty disclaimer at least as broad as ours")
#: is no flow-down, unless it also names restrictions or a policy.
_LICENSOR_PROTECTION = re.compile(r"\b(?:warrant\w*|liabilit\w*|disclaim\w*|indemn\w*)\b", re.IGNORECASE)
#: Likewise handing on credits or a copy of the licence (attribution, see
#: :mod:`licenselens.formulas`) passes on no restriction by itself.
_CREDIT = re.compile(r"\b(?:credits?|attribution)\b", re.IGNORECASE)
_RESTRICTIONS_NAMED = re.compile(
    r"\b(?:restrict\w*|prohibit\w*|forbid\w*|polic(?:y|ies)|aup|bind\w*|bound|subject\s+to)\b|"
    r"\bsame\s+(?:terms|conditions)\b", re.IGNORECASE)
#: A clause forbidding added terms for recipients ("No downstream
#: restrictions", "you may not impose any further restrictions on
#: recipients") is the opposite of a flow-down.
_NO_ADDED_TERMS = re.compile(
    r"\bno\s+(?:downstream|further|additional)\s+restrictions\b|"
    r"\b(?:not|never)\s+(?:\w+\s+){0,3}?(?:offer|impose|add|apply)\s+(?:\w+\s+){0,3}?"
    r"(?:additional|further|different|other)\s+(?:terms|restrictions|conditions)\b", re.IGNORECASE)
_OWN_SUBJECT = re.compile(r"\s*(?:you|licensee|the\s+licensee|we)\b", re.IGNORECASE)
FLOW_DOWN = "restrictions-flow-down"


def passes_on(text: str, item: bool | None = None, formulas: Sequence[str] | None = None) -> bool:
    """Whether the clause could pass terms on downstream (see :data:`_DOWNSTREAM`).

    ``formulas`` are the clause's :func:`formulaic_conditions` when the caller
    has them already (``None``: found here)."""
    if not _PASSED_ON.search(text):
        return False
    if _NO_ADDED_TERMS.search(text):
        return False
    if formulas is None:
        formulas = formulaic_conditions(text)
    hands_on_only = _LICENSOR_PROTECTION.search(text) or _CREDIT.search(text) or "attribution" in formulas
    if hands_on_only and not _RESTRICTIONS_NAMED.search(text):
        return False
    if item is None:
        item = is_item(text)
    # an item with its own subject ("c. You must comply with Section 3(a) if
    # You Share") is a whole sentence binding the licensee, not the end of a
    # lead-in that may name recipients
    body = _ITEM_MARKER.sub("", text, count=1)
    continues_lead_in = item and not text.rstrip().endswith(":") and not _OWN_SUBJECT.match(body)
    return continues_lead_in or bool(_DOWNSTREAM.search(text))


#: The conditions that withhold a right (see :data:`_DENIAL_WORDS`).
NO_DERIVATIVES = "no-derivatives"
WITHHOLDING_CONDITIONS = frozenset({NO_DISTRIBUTION, NO_DERIVATIVES})


def withholds(text: str) -> bool:
    """True when the text has a word that denies or narrows a right (:data:`_DENIAL_WORDS`)."""
    return bool(_DENIAL_WORDS.search(text))


def is_definition(text: str) -> bool:
    """True for a definition ('"Harm" includes physical ... damage', '1.4
    "Military Use" means ...').  A definition defines a term; the clause that
    uses the term forbids or demands (labelling guide), so a definition gets
    no label - only 3 of the corpus's ~210 definition-shaped clauses carry one."""
    return bool(_DEFINITION.match(text))


#: A clause that ends by asking ("Can I change it?", "Will it phone home?").
_QUESTION = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")


def is_question(text: str) -> bool:
    """True for a question: the headings of a licence written as questions
    and answers ("What may I not do?") ask, and the answer that follows
    grants or forbids - none of the corpus's 11 questions carries a label."""
    return bool(_QUESTION.search(text))


def is_item(text: str) -> bool:
    """True when the clause starts with a list marker ("(c)", "b.", "3.1", "-")."""
    return bool(_ITEM_MARKER.match(text))


def can_restrict(text: str, item: bool | None = None) -> bool:
    """Whether the clause could state a behavioural-use restriction at all.

    A list item can (``item``; when not given, a leading list marker says
    so): it continues a lead-in that may forbid ("You agree not to use the
    Model: (a) to generate malware").  A sentence needs a word of obligation,
    prohibition or limit (:data:`_LIMIT_WORDS`) or a ban (:data:`_BAN`), or
    continue a lead-in (:data:`_CONTINUATION`); without one it states a fact ("Payment is processed on the Website",
    "The Model is not a medical device"), whatever its topic.  A label run
    into the sentence ("Restrictions: By using it for X you make someone
    sad") is a heading (:data:`_INLINE_HEADING`): its words do not count.
    A sentence that only permits ("Using the Model to detect phishing is
    allowed", "Nothing in this Licence prevents you from studying malware")
    names a use to allow it (:data:`_PERMISSION`), unless it also denies,
    obliges or narrows (:data:`_LIMITED_PERMISSION`: "may use it only for",
    "provided no decision is based on it").
    """
    if item is None:
        item = is_item(text)
    if item:
        return True
    if _PERMISSION.search(text) and not _LIMITED_PERMISSION.search(text):
        return False
    heading = _INLINE_HEADING.match(text)
    if heading and _BANNING_HEADING.search(heading.group()):
        return True  # "Not permitted: writing worms or droppers": the label is the ban
    body = _INLINE_HEADING.sub("", text, count=1)
    return bool(_LIMIT_WORDS.search(body) or _BAN.search(body) or _CONTINUATION.match(text))


#: A heading that is only "Applicable law" ("15. Applicable Law") names the
#: governing law; beside other words ("Compliance with laws; applicable
#: law") it may head a duty to obey the law, which restricts.
_APPLICABLE_LAW_HEADING = re.compile(
    r"^\W*(?:(?:section|article|clause)\s+)?(?:[\w.]{1,8}[.)]?\s+)?(?:-\s*)?applicable\s+laws?\W*$", re.IGNORECASE)


def restricting_section(section: str | None) -> bool:
    """Whether a clause under the heading ``section`` can restrict a use:
    not in a section on liability, indemnity, disclaimers, disputes or the
    governing law (:data:`_NON_RESTRICTING_SECTION`,
    :data:`_APPLICABLE_LAW_HEADING`); ``None`` (no heading) can."""
    return not (section and (_NON_RESTRICTING_SECTION.search(section) or _APPLICABLE_LAW_HEADING.match(section)))


#: A heading run into its section's first sentence, ended by a full stop:
#: "15. Liability. Each party's ...", "Governing law. This Agreement ...".
#: A few words, none of them the words a sentence is made of.
_RUN_IN_HEADING = re.compile(
    r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?([A-Z][\w'\-]*(?:[ ,&]+[\w'\-]+){0,4})\.\s+(?=[A-Z\d\"'\u201c])")
_SENTENCE_WORDS = re.compile(
    r"\b(?:you|your|we|our|it|may|must|shall|will|can|not|no|is|are|was|be|has|have|do|does)\b", re.IGNORECASE)


def run_in_heading(text: str) -> str | None:
    """The heading a clause opens with and runs into its first sentence
    ("8. Liability. Tallowmere is not liable ..."), or None.  It names the
    clause's section as a heading line would (see :func:`restricting_section`):
    none of the corpus's 34 clauses under such a heading of liability,
    disclaimers or disputes carries a label."""
    match = _RUN_IN_HEADING.match(text)
    if match is None or _SENTENCE_WORDS.search(match.group(1)):
        return None
    return match.group(1)


# --------------------------------------------------------------------------- the rules applied


def barred(text: str, kept: Mapping[str, float], formulas: Sequence[str], item: bool | None,
           section: str | None, lead_in: str | None, categories: frozenset[str],
           thresholds: Mapping[str, float]) -> set[str]:
    """The labels of ``kept`` (label -> probability, formulaic conditions
    included) that the clause's wording, shape and place rule out:
    nothing for a title, a definition, a question (:func:`is_question`),
    what follows from not accepting the licence
    (:data:`_NON_ACCEPTANCE`), a report of what a law provides
    (:func:`reports_the_law`), what the licensor says of itself
    (:func:`binds_the_licensor`, also for the items of its covenant) or a
    duty denied (:func:`denies_duty`); no category for a sentence that
    cannot restrict, a lead-in left open for its items
    (:data:`_OPEN_LEAD_IN`), a statement of responsibility
    (:func:`states_responsibility`), a warning that the work is not made
    for a use (:func:`warns_of_unfitness`), a ban on claiming the
    licensor's endorsement (:func:`guards_own_name`) or a clause in a
    section on liability or disputes (:func:`restricting_section`; a
    heading run into the clause names its section too,
    :func:`run_in_heading`), and no category by the fallback for a
    clause that keeps the notices (the attribution formula); no
    ``geographic`` for the seat of the governing law or court
    (:func:`names_the_forum`), no ``risk-disclosure`` without a risk
    (:data:`_RISK_WORDS`), no ``ai-disclosure`` without a machine, its
    output or its label in the clause, its lead-in or heading
    (:data:`_MACHINE_WORDS`), no use policy or remote control for new
    versions of the licence (:func:`versions_the_licence`), no
    share-alike for a grant that binds nothing
    (:func:`grants_without_terms`), no ``non-commercial`` for a clause
    that allows commercial ends too (:func:`allows_commercial_use`), no
    ``no-derivatives`` for an item that keeps copies handed on verbatim
    (:func:`conditions_distribution`), no withholding condition for a
    clause that denies nothing, no user threshold for a clause that counts
    nothing (:data:`_SCALE_WORDS`) and none for a ban on changing the
    licence document (:data:`_LICENCE_TEXT_FIXED`), no network copyleft
    for a clause that speaks of no network (:data:`_NETWORK_WORDS`), no
    naming condition for one that names nothing (:data:`_NAMING_WORDS`), no
    acceptable-use policy for one bound only to a trademark policy
    (:func:`governs_only_marks`), no flow-down for a
    clause that passes nothing on (:func:`passes_on`), no ``no-distribution`` for a
    clause that only keeps the licence from being handed on
    (:func:`transfers_only_the_licence`).  Conditions in formulaic wording
    are added by rule (:mod:`licenselens.formulas`) before the bars apply.

    ``formulas`` are the clause's :func:`formulaic_conditions`, ``item``
    whether it is a list item (None: judged here), ``lead_in`` the sentence
    its list hangs under, ``categories`` the restriction categories and
    ``thresholds`` each label's decision threshold (a category below its own
    came from the fallback).
    """
    # each rule is tested only when a label it bars is there: most
    # clauses get none, and the word lists are slow to scan
    if not kept or is_title(text) or is_definition(text) or is_question(text) or _NON_ACCEPTANCE.search(text) \
            or reports_the_law(text) or binds_the_licensor(text) or _under_licensor_duty(text, lead_in) \
            or denies_duty(text):
        return set(kept)
    if item is None:  # judged once for the rules below
        item = is_item(text)
    out: set[str] = set()
    if not kept.keys().isdisjoint(categories) and (
            not can_restrict(text, item) or not restricting_section(section)
            or not restricting_section(run_in_heading(text)) or _OPEN_LEAD_IN.search(text)
            or states_responsibility(text) or warns_of_unfitness(text) or guards_own_name(text)):
        out |= categories
    if GEOGRAPHIC in kept and (names_the_forum(text) or (item and names_the_forum(lead_in or ""))):
        out.add(GEOGRAPHIC)
    if RISK_DISCLOSURE in kept and not _RISK_WORDS.search(text):
        out.add(RISK_DISCLOSURE)
    if AI_DISCLOSURE in kept and not any(_MACHINE_WORDS.search(words) for words in (
            text, lead_in if item else None, section) if words):
        out.add(AI_DISCLOSURE)
    if not kept.keys().isdisjoint(VERSIONING_BARS) and versions_the_licence(text):
        out |= VERSIONING_BARS
    if not kept.keys().isdisjoint(SHARE_ALIKE) and grants_without_terms(text):
        out |= SHARE_ALIKE
    if NO_DERIVATIVES in kept and item and conditions_distribution(lead_in):
        out.add(NO_DERIVATIVES)
    if NON_COMMERCIAL in kept and allows_commercial_use(text):
        out.add(NON_COMMERCIAL)
    if ATTRIBUTION in formulas:
        # keeping the notices is attribution: "do not remove the
        # notices" sounds like a ban to the restriction head, so
        # its fallback category is not reported (a category the
        # model itself believes in stays)
        out |= {label for label, p in kept.items()
                   if label in categories and p < thresholds[label]}
    if not kept.keys().isdisjoint(WITHHOLDING_CONDITIONS) and (
            not withholds(text) or _LICENCE_TEXT_FIXED.search(text)):
        out |= WITHHOLDING_CONDITIONS
    if "user-threshold" in kept and not _SCALE_WORDS.search(text):
        out.add("user-threshold")
    if NETWORK_COPYLEFT in kept and not _NETWORK_WORDS.search(text) and not (
            section and _NETWORK_WORDS.search(section)):
        out.add(NETWORK_COPYLEFT)
    if NAMING_ATTRIBUTION in kept and not _NAMING_WORDS.search(text):
        out.add(NAMING_ATTRIBUTION)
    if ACCEPTABLE_USE in kept and governs_only_marks(text):
        out.add(ACCEPTABLE_USE)
    if FLOW_DOWN in kept and not passes_on(text, item, formulas):
        out.add(FLOW_DOWN)
    if NO_DISTRIBUTION in kept and transfers_only_the_licence(text):
        out.add(NO_DISTRIBUTION)
    return out
