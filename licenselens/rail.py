"""What a licence covers and grants: artifacts (D/A/M/S), grants, RAIL name.

A licence's artifact set comes from what it defines *and* grants: OpenRAIL-M
defines "Data" (the training data) but licenses only the Model, so it is
RAIL-M, not RAIL-DM.  Both are read from the clauses:

* a **definition** ("'Model' means ...") or the naming of a covered work
  ("this software and associated documentation files (the 'Software')")
  introduces a term and says which artifact it stands for;
* a **grant** ("grants You a ... licence to use, reproduce, ... the Model")
  says which rights are given over which terms.

The RAIL name follows taxonomy.md: ``[Open|Research]RAIL-<letters in DAMS
order>``, given only to licences that carry behavioural-use restrictions
passed on to downstream users (the mark of a Responsible AI Licence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol, Sequence

ARTIFACT_ORDER = ("data", "application", "model", "source")
LETTER = {"data": "D", "application": "A", "model": "M", "source": "S"}

#: Words that name an artifact when they are the defined term or the object of a grant.
ARTIFACT_WORDS: dict[str, re.Pattern[str]] = {
    "data": re.compile(r"\b(data ?sets?|data|databases?|corpus|corpora|training\s+data)\b", re.I),
    "application": re.compile(
        r"\b(applications?|apps?|binar(?:y|ies)|executables?|object\s+(?:code|form)|services?|apis?|"
        r"hosted|software\s+as\s+a\s+service)\b", re.I),
    "model": re.compile(r"\b(models?|weights?|parameters|checkpoints?|materials)\b", re.I),
    "source": re.compile(r"\b(source\s+code|source\s+form|source|software|code|scripts?|librar(?:y|ies)|toolkits?|"
                         r"programs?|works?)\b", re.I),
}

_DEFINITION = re.compile(
    r"^\W*[\"“'‘]?(?P<term>[A-Z][\w\-\s]{0,40}?)[\"”'’]?\s+(?:shall\s+)?(?:means?|refers? to|is defined as)\b|"
    r"\(\s*(?:(?:the|this)\s*)?[\"“'‘](?P<named>[A-Z][\w\-\s]{0,40}?)[\"”'’]\s*\)")

#: What "you may ..." grants when it is followed by one of these verbs.
_MAY_VERBS = r"(?:use|copy|modify|distribute|redistribute|reproduce|convey|share)"
#: ... and "you can ...": the rights copyright reserves, not "use".
_CAN_VERBS = r"(?:copy|modify|distribute|redistribute|reproduce|convey|share)"

_GRANT = re.compile(
    r"\b(hereby\s+grants?|grants?\s+(?:to\s+)?you|is\s+hereby\s+granted|are\s+hereby\s+granted|licen[cs]e\s+is\s+granted|"
    r"you\s+(?:are|is)\s+(?:granted|permitted)|permitted\s+to|(?:are|is)\s+permitted|"
    r"permission\s+(?:is|are)\s+(?:hereby\s+)?granted|permission\s+to\s[^.;]{1,300}?\s(?:is|are)\s+(?:hereby\s+)?granted|"
    r"(?:is|are)\s+free\s+to|licen[cs]es?\s+you\s+to|(?:you|licensee)\s+(?:get|have|receive)\s+(?:(?!no\b|not\b)\w+\s+){0,3}?rights?\s+to|"
    # "This software and its modifications can be used and distributed ..."
    r"(?:software|program|code|work|data(?:set)?|database|model|materials?|library|package)"
    r"(?:\s+and\s+its\s+\w+)?\s+(?:can|may)\s+be\s+(?:freely\s+)?(?:used|copied|modified|distributed|reproduced|shared)|"
    # a list of rights after the grant: "The rights granted cover, for example:"
    r"(?:these|such|the)\s+rights\s+(?:granted\s+)?(?:explicitly\s+)?(?:include|cover)|"
    # ... or of one right: "This right of use includes the right to ...", "The right to make
    # Contributions includes the right to translate, adapt ..."
    r"(?:this|the|that|such)\s+right\s+(?:(?:of|to)\s+(?:\w+\s+){1,3}?)?(?:granted\s+)?includes\b|"
    # "The Licensee is authorized to use the Software", "is further authorized to distribute"
    # (to deal with the work: "You are authorized to act on behalf of a Third Party" grants nothing)
    r"(?:you|licensee|recipients?|users?|anyone|everyone|any\s+person)\s+(?:is|are)\s+(?:hereby\s+|further\s+|also\s+)*"
    rf"authori[sz]ed\s+to\s+(?:freely\s+)?(?:{_MAY_VERBS}|make|create|prepare|publish|sublicen[cs]e|translate|adapt|"
    r"run|install|duplicate)\b|"
    # "You may use ...", not "rights holders may use [these licences] to share ..."
    # "You can copy, modify, distribute ...": "can" grants the rights copyright reserves; "you can
    # use our APIs for ..." describes a service
    rf"(?:you|licensee|recipients?|anyone|everyone|users?)\s+(?:\w+\s+){{0,2}}?can\s+(?:(?:also|freely)\s+)*{_CAN_VERBS}\b|"
    r"(?:you|licensee|recipients?|anyone|everyone|users?)\s+(?:\w+\s+){0,2}?may\s+(?:(?:also|freely)\s+)*"
    rf"(?:{_MAY_VERBS}\b|"
    # "you may create derivative works of such portions"
    r"(?:create|make|prepare)\s+(?:\w+\s+){0,2}?(?:derivative|adaptations?|modifi|translations?|cop(?:y|ies)\b)))",
    re.I)

#: A grant *to the licensor* ("You hereby grant us a licence to ... your
#: Content", "you grant Acme the right to use your Feedback") gives the reader
#: nothing: terms of service grant the provider rights over what users upload.
#: Such a clause counts only if it also grants something to the reader.
_GRANT_BY_READER = re.compile(
    r"\b(?:you|licensee|users?|customers?)\s+(?:hereby\s+|also\s+)*(?:grants?|agrees?\s+to\s+grant)\b", re.I)
_GRANT_TO_READER = re.compile(
    r"\bgrants?\s+(?:to\s+)?(?:you|licensee)\b|\byou\s+(?:are|is)\s+(?:hereby\s+)?(?:granted|permitted)\b|"
    rf"\b(?:you|licensee)\s+(?:\w+\s+){{0,2}}?may\s+(?:freely\s+)?{_MAY_VERBS}\b|"
    rf"\b(?:you|licensee)\s+(?:\w+\s+){{0,2}}?can\s+(?:freely\s+)?{_CAN_VERBS}\b", re.I)
#: A grant denied ("no license is granted for any Military Use", "rights not
#: expressly granted are reserved") is the opposite of a grant.
_DENIED_GRANT = re.compile(
    r"\bno\s+(?:other\s+)?(?:licen[cs]es?|rights?|permissions?)\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:hereby\s+)?granted\b|"
    r"\b(?:is|are)\s+not\s+(?:hereby\s+)?granted\b|\bnot\s+(?:expressly\s+)?granted\b|"
    r"\b(?:does|do|shall|will)\s+not\s+grant\b", re.I)
#: A waiver of the copyright itself, or a dedication to the public domain
#: ("waives, abandons, and surrenders all of Affirmer's Copyright and Related
#: Rights"): the reader needs no licence for anything copyright reserves.
_WAIVER = (r"\bwaives?\b[^.;]{0,80}?\b(?:all|every|any)\b[^.;]{0,60}?\bcopyright|"
           r"\bdedicat\w*\b[^.;]{0,80}?\bpublic\s+domain\b")
#: A grant of every right copyright law reserves ("to do everything ... that
#: would otherwise infringe the licensor's copyright", "a license to exercise
#: Affirmer's Copyright and Related Rights", a waiver) names no right word
#: but gives all of them.
_EVERY_RIGHT = re.compile(
    r"\bdo\s+(?:everything|anything)\b[^.;]{0,120}?\b(?:otherwise\s+)?infringe|"
    # a permission of the work's usage as a whole ("Usage of the works is permitted", "Any use
    # of this software is permitted"): no act is singled out, and a copyright licence that
    # allowed only what needs no permission would give nothing
    r"\b(?:usage|any\s+use)\s+of\s+(?:the|this|these)\b[^.;]{0,40}?\b(?:is|are)\s+(?:hereby\s+)?(?:permitted|allowed)\b|"
    rf"\b(?:licen[cs]e|right)\s+to\s+exercise\b[^.;]{{0,40}}?\bcopyright|{_WAIVER}", re.I)

#: Permission to copy the licence document itself ("Everyone is permitted to
#: copy and distribute verbatim copies of this license document") grants
#: nothing over the work.
_LICENCE_DOCUMENT = re.compile(
    r"\b(?:copy|distribute|reproduce)(?:\s+and\s+distribute)?\s+(?:verbatim\s+)?copies\s+of\s+"
    r"(?:this|the)\s+(?:licen[cs]e|agreement)\b", re.I)

#: A right named only to be refused ("may use and copy, but not modify",
#: "produce, but not Share, Adapted Material", "Redistribution and use in any
#: forms, without modification, is permitted" - not BSD's "with or without
#: modification") is not granted.
_REFUSED_RIGHT = re.compile(
    r"\b(?:but|and|or|nor)\s+(?:you\s+)?(?:(?:may|shall|must|can|will)\s+)?not\s+(?:to\s+)?[^,.;:()]*|"
    r"(?<!\bwith or )\bwithout\s+(?:any\s+)?modifications?\b", re.I)

#: Rights words in a grant, by freedom.
RIGHT_WORDS: dict[str, re.Pattern[str]] = {
    # "exercise the Licensed Rights" (Creative Commons) grants every use the licence covers
    "use": re.compile(r"\b(use|used|using|reuse|run|running|execute|perform|operate|deploy|exercise)\b", re.I),
    "modify": re.compile(r"\b(modify|modifications?|adapt(?:s|ed|ing|ations?)?|derivatives?|derivative works?|"
                         r"merge|fine-?tun\w*|(?:make|making)\s+changes|new\s+works|modified\s+(?:versions?|cop(?:y|ies)|works?|forms?)|"
                         r"translate|alter|improve)\b", re.I),
    "share": re.compile(r"\b((?:re)?distribut(?:e|es|ed|ing|ion)|sublicen[cs]e|publish|share|convey|"
                        r"make available|publicly display|sell|copies of)\b", re.I),
}
_SOURCE_NAMED = re.compile(r"\bsource(?:\s+code)?(?:\s+and\s+binary)?\s+forms?\b|\bsource\s+code\b", re.I)
_BINARY_NAMED = re.compile(r"\b(?:binary|object)\s+forms?\b", re.I)
_PATENT = re.compile(r"\bpatent", re.I)
_COPYRIGHT = re.compile(r"\bcopyright|\b(?:reproduce|copy|copies)\b", re.I)
_ROYALTY_FREE = re.compile(r"\b(royalty[- ]free|free of charge|without charge|no-charge)\b", re.I)


class ClauseLike(Protocol):
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Grant:
    """A clause granting rights, the rights it names and the artifacts they cover."""

    clause: ClauseLike
    rights: frozenset[str]  # subset of {"use", "modify", "share"}
    artifacts: frozenset[str]
    royalty_free: bool
    #: a licence under patents only ("to practise the inventions claimed"):
    #: it says nothing about copying, adapting or sharing the work itself
    patents_only: bool = False


def defined_terms(clauses: Iterable[ClauseLike]) -> dict[str, str]:
    """Defined term (lower case) -> artifact id, from definitions and named works."""
    terms: dict[str, str] = {}
    for clause in clauses:
        for m in _DEFINITION.finditer(clause.text):
            # a hard-wrapped licence may break a term across lines ("Source\nCode")
            term = " ".join((m.group("term") or m.group("named") or "").split())
            if not term:
                continue
            body = clause.text[m.end():] if m.group("term") else clause.text[: m.start()]
            artifact = _artifact_of(term) or _artifact_of(body[:200])
            if artifact:
                terms.setdefault(term.lower(), artifact)
    return terms


def _artifact_of(words: str) -> str | None:
    """The artifact a phrase names; the most specific one wins (model over source)."""
    for artifact in ("model", "data", "application", "source"):
        if ARTIFACT_WORDS[artifact].search(words):
            return artifact
    return None


#: Clause kinds that never grant: headings name a section, definitions a term.
_NOT_GRANTING = frozenset({"heading", "definition"})


_WAIVER_OF_RIGHTS = re.compile(_WAIVER, re.I)


def is_grant(text: str) -> bool:
    """Whether a clause gives the reader rights: a waiver of the copyright or
    a dedication to the public domain (:data:`_WAIVER`), or a grant wording
    (:data:`_GRANT`) that is not denied (:data:`_DENIED_GRANT`), not made by
    the reader to the licensor (:data:`_GRANT_BY_READER`) and not over the
    licence document only (:data:`_LICENCE_DOCUMENT`)."""
    if _WAIVER_OF_RIGHTS.search(text):
        return True
    if not _GRANT.search(_DENIED_GRANT.sub(" ", text)) or _LICENCE_DOCUMENT.search(text):
        return False
    return not _GRANT_BY_READER.search(text) or bool(_GRANT_TO_READER.search(text))


def grants(clauses: Iterable[ClauseLike], terms: dict[str, str]) -> list[Grant]:
    """Clauses that grant rights, with the rights and artifacts they name.

    ``clauses`` may be a whole segmentation (with ``kind`` and ``parent``):
    a grant whose lead-in ends with a colon ("grants You a licence to
    exercise the Licensed Rights in the Licensed Material to:") names its
    rights in the items under it, so those items are read as part of it.
    """
    clauses = list(clauses)
    found = []
    for index, clause in enumerate(clauses):
        if getattr(clause, "kind", None) in _NOT_GRANTING or not is_grant(clause.text):
            continue
        text = clause.text
        if text.rstrip().endswith(":"):
            text = " ".join([text, *(c.text for c in _granted_list(clauses, index))])
        elif not _SENTENCE_END.search(text):
            # a grant cut short by a list inside its sentence ("... patent
            # rights covering either (i) ..., or (ii) ..., to deal in ...
            # including the rights to copy, modify and distribute") names its
            # rights after the list
            text = " ".join([text, *(c.text for c in _rest_of_sentence(clauses, index))])
        if _EVERY_RIGHT.search(text):
            rights = frozenset(RIGHT_WORDS)
        else:
            given = _REFUSED_RIGHT.sub(" ", text)
            rights = frozenset(r for r, pattern in RIGHT_WORDS.items() if pattern.search(given))
        artifacts = _granted_artifacts(_object_zone(text), terms)
        if rights:
            patents_only = bool(_PATENT.search(text)) and not _COPYRIGHT.search(text)
            found.append(Grant(clause, rights, frozenset(artifacts), bool(_ROYALTY_FREE.search(text)), patents_only))
    return found


#: Where a grant stops naming what it covers and starts saying on what terms:
#: the conditions ("provided that ... other materials provided with the
#: distribution"), exceptions and refusals ("but not in connection with any
#: Database Product"), the ways to comply ("in one of these ways").
_CONDITIONS_START = re.compile(
    r"\b(?:provided|so\s+long\s+as|as\s+long\s+as|subject\s+to\s+the\s+following|on\s+(?:the\s+)?conditions?|"
    r"in\s+one\s+of\s+these\s+ways|but\s+not|except)\b", re.I)
#: A purpose the rights may serve ("for any purpose, including commercial
#: applications") is no work they cover.
_PURPOSE = re.compile(r"\bfor\s+any\s+(?:lawful\s+)?purposes?(?:\s*,?\s*(?:including|whether)\b[^,.;]*)?", re.I)
#: A grant's conditions start this far in at the earliest: "Subject to the
#: terms of this Licence, ..." or "Provided you comply, ..." opens a grant.
_MIN_OBJECT_ZONE = 40


def _object_zone(grant: str) -> str:
    """The part of a grant that names what it covers: before its conditions, purposes left out."""
    for m in _CONDITIONS_START.finditer(grant):
        if m.start() >= _MIN_OBJECT_ZONE:
            grant = grant[: m.start()]
            break
    return _PURPOSE.sub(" ", grant)


def _granted_artifacts(zone: str, terms: dict[str, str]) -> set[str]:
    """Artifacts a grant covers: its defined terms, the artifacts it names outright
    ("the Model weights", "source code", "binary forms"), else its most specific artifact word."""
    artifacts = set(_named_terms(zone, terms))
    artifacts |= {a for a in ("data", "model") if ARTIFACT_WORDS[a].search(zone)}
    if _SOURCE_NAMED.search(zone):
        artifacts.add("source")
    if not artifacts:
        artifact = _artifact_of(zone)
        if artifact:
            artifacts.add(artifact)
    if _BINARY_NAMED.search(zone):
        artifacts.add("application")
    return artifacts


#: How much of a grant's lead-in, before its colon, says what the list holds.
_LEAD_IN_TAIL = 100
_INTRODUCES_CONDITIONS = re.compile(
    r"\b(provided|provision|conditions?|subject\s+to|as long as|so long as|if|requirements?|restrictions?|"
    r"limitations?|obligations?|must|shall)\b", re.I)


def listed_rights(clauses: Sequence[ClauseLike], found: Iterable[Grant],
                  withholds: Callable[[str], bool]) -> set[int]:
    """Indices of the list items that spell out what a grant gives ("grants
    You a licence to: (a) reproduce the Work in copies; (b) ..."), and of
    the pieces of a grant sentence cut by a list ("You are granted the -
    royalty-free, - sub-licensable for commercial and non-commercial
    purposes, ... right to reproduce ...").

    Such an item names a right, not a use to avoid, so it cannot be a
    behavioural restriction however its words sound.  A lead-in whose end
    introduces conditions ("provided that the following conditions are
    met:", "subject to the following:") or narrows the grant (``withholds``:
    "except:", "only as follows:") does not count: its items are the
    conditions, and a condition may well forbid a use.  "Including but not
    limited to" widens, it narrows nothing (:data:`_NOT_LIMITED`).
    """
    clauses = list(clauses)
    position = {id(c): i for i, c in enumerate(clauses)}
    out: set[int] = set()
    for grant in found:
        index = position.get(id(grant.clause))
        lead_in = grant.clause.text.rstrip()
        if index is None:
            continue
        tail = _NOT_LIMITED.sub(" ", lead_in[-_LEAD_IN_TAIL:])
        if _INTRODUCES_CONDITIONS.search(tail) or withholds(tail):
            continue
        if lead_in.endswith(":"):
            out.update(position[id(c)] for c in _granted_list(clauses, index))
        elif not _SENTENCE_END.search(lead_in) and getattr(grant.clause, "kind", None) != "item":
            # (an item cut short is one of a list's entries, not a sentence the list interrupts)
            out.update(position[id(c)] for c in _rest_of_sentence(clauses, index))
    return out


#: "... includes, but is not limited to, the right" and "without
#: limitation" widen a grant; their "not" and "without" deny nothing.
_NOT_LIMITED = re.compile(
    r"\b(?:but\s+)?(?:(?:is|are)\s+)?not\s+limited\s+to\b|\bwithout\s+(?:any\s+)?limitation\b", re.I)


#: A lead-in saying what the licence leaves alone ("This Licence does not
#: limit any right you have under the law to:", "The Agreement imposes no
#: restriction on:").
_PRESERVES = re.compile(
    r"\b(?:does|do|shall|will)\s+not\s+(?:\w+\s+){0,2}?(?:affect|restrict|limit|reduce|impose\s+any\s+restrictions?)\b|"
    r"\bimposes?\s+no\s+restrictions?\b|\bnothing\s+in\s+this\b[^:]{0,120}?\b(?:restrict|limit|affect|reduce)", re.I)


def preserved_rights(clauses: Sequence[ClauseLike]) -> set[int]:
    """Indices of the list items under a lead-in that says what the licence
    leaves alone ("does not affect any rights you have to: (a) quote under
    fair dealing ..."): like :func:`listed_rights`, they name freedoms kept,
    not uses to avoid."""
    return _items_under_lead_ins(clauses, lambda lead_in: bool(_PRESERVES.search(lead_in)))


def _items_under_lead_ins(clauses: Sequence[ClauseLike], introduces: Callable[[str], bool]) -> set[int]:
    """Indices of the list items under every lead-in (a clause ending with a
    colon) whose text ``introduces`` says is of the kind sought."""
    clauses = list(clauses)
    position = {id(c): i for i, c in enumerate(clauses)}
    out: set[int] = set()
    for index, clause in enumerate(clauses):
        lead_in = clause.text.rstrip()
        if lead_in.endswith(":") and introduces(lead_in):
            out.update(position[id(c)] for c in _items_under(clauses, index))
    return out


#: A lead-in that defines a term by what it takes in ("Copyright and Related
#: Rights include, but are not limited to, the following:"), its subject a
#: term, not a kind of use or harm ("Prohibited uses include:" lists bans).
_DEFINES_BY_LIST = re.compile(
    r"^\W*(?:[\w.]{1,6}[.)]\s+)?[\"\u201c]?[A-Z][\w'\- ]{1,60}?[\"\u201d]?\s+"
    r"(?:includes?|means?|consists?\s+of|comprises?)\b[^:]{0,120}:\s*$")
_USE_OR_HARM = re.compile(r"\b(?:prohibit\w*|restrict\w*|forbid\w*|banned|misuse\w*|harm\w*|abus\w*|violat\w*|"
                          r"uses?|activit\w*|conduct)\b", re.I)


def defined_items(clauses: Sequence[ClauseLike]) -> set[int]:
    """Indices of the list items under a lead-in that defines a term by
    listing what it includes (:data:`_DEFINES_BY_LIST`): each item is part of
    a definition ("publicity and privacy rights pertaining to a person's
    image"), which defines and neither forbids nor demands."""
    def defines(lead_in: str) -> bool:
        # the sentence that introduces the list: the clause's last ("1. Copyright and
        # Related Rights. A Work ... may be protected ... Copyright and Related Rights include ...:")
        last = _LAST_SENTENCE.split(" ".join(lead_in.split()))[-1]
        return bool(_DEFINES_BY_LIST.match(last)) and not _USE_OR_HARM.search(last)

    return _items_under_lead_ins(clauses, defines)


_LAST_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z\"\u201c])")


_SENTENCE_END = re.compile(r"[.!?;:][\"\u201d'\u2019)\]]*\s*$")
#: How many clauses a sentence cut by a list may run on for (a grant of
#: patent rights "to - produce, - have produced, - use, - offer for sale,
#: - sell, - import ... the Subject Matter." runs on for 11).
_MAX_SENTENCE_PIECES = 12


def _rest_of_sentence(clauses: list[ClauseLike], index: int) -> list[ClauseLike]:
    """The clauses after ``clauses[index]`` up to the one that ends its sentence."""
    return _clauses_until(clauses, index, _SENTENCE_END)


def _clauses_until(clauses: list[ClauseLike], index: int, end: re.Pattern[str]) -> list[ClauseLike]:
    """The clauses after ``clauses[index]`` up to the first whose text ``end``
    finds, within :data:`_MAX_SENTENCE_PIECES` and before any heading; none
    when no such clause comes."""
    rest = []
    for later in clauses[index + 1 : index + 1 + _MAX_SENTENCE_PIECES]:
        if getattr(later, "kind", None) == "heading":
            break
        rest.append(later)
        if end.search(later.text):
            return rest
    return []


def _granted_list(clauses: list[ClauseLike], index: int) -> list[ClauseLike]:
    """The list in which a grant ending with a colon names its rights: the
    items nested under it or, where the layout nested none (a list that lost
    its markers; a lead-in run into the item before it, so that its items
    come out as its siblings), the clauses right after it up to the one that
    ends the list with a full stop.  Not after a lead-in that introduces
    conditions (:data:`_INTRODUCES_CONDITIONS`): what follows it unnested may
    be the licence's next term."""
    items = _items_under(clauses, index)
    if items or _INTRODUCES_CONDITIONS.search(clauses[index].text[-_LEAD_IN_TAIL:]):
        return items
    return _clauses_until(clauses, index, _LIST_END)


#: The end of a list: a full stop, not the ";" or "; and" between items.
_LIST_END = re.compile(r"[.!?][\"\u201d'\u2019)\]]*\s*$")


def _items_under(clauses: list[ClauseLike], index: int) -> list[ClauseLike]:
    """The list items nested under ``clauses[index]`` (its lead-in), in order."""
    inside = {index}
    items = []
    for later in range(index + 1, len(clauses)):
        parent = getattr(clauses[later], "parent", None)
        if parent not in inside:
            break
        inside.add(later)
        items.append(clauses[later])
    return items


def _named_terms(text: str, terms: dict[str, str]) -> list[str]:
    """The artifacts of the defined terms ``text`` names, in ``terms`` order."""
    lowered = text.lower()
    return [artifact for term, artifact in terms.items() if re.search(rf"\b{_words_pattern(term)}\b", lowered)]


def _words_pattern(term: str) -> str:
    """A regex for ``term``'s words with any white space between them (lines may wrap inside a term)."""
    return r"\s+".join(re.escape(word) for word in term.split())


def artifacts(found: list[Grant]) -> list[str]:
    """Artifacts the licence grants rights over, in D, A, M, S order."""
    covered = {a for g in found for a in g.artifacts}
    return [a for a in ARTIFACT_ORDER if a in covered]


#: How far into a document its statement of scope is looked for: terms of
#: service and use policies say what they govern in their first paragraphs.
SCOPE_CHARS = 2500

#: A statement of what a document governs ("The following terms apply to your
#: use of ML Kit APIs", "before using the dataset", "Whenever you want to use
#: or purchase the Services"), up to the governed thing.
_SCOPE = re.compile(
    r"\b(?:appl(?:y|ies)\s+to|govern(?:s|ing)?|cover(?:s|ing)?)\s+(?:all\s+)?(?:your\s+|the\s+|any\s+)?"
    r"(?:access\s+to\s+(?:and\s+use\s+of\s+)?|use\s+of\s+(?:and\s+access\s+to\s+)?|download(?:s|ing)?\s+(?:of\s+)?)|"
    r"\b(?:before|by|when|whenever|while)\s+(?:you\s+(?:want\s+to\s+|wish\s+to\s+)?)?"
    r"(?:access|use|using|accessing|download|downloading|purchase|purchasing)"
    r"(?:\s*,?\s+(?:or\s+|and\s+|and/or\s+)?(?:access|use|using|accessing|download|downloading|purchase|purchasing))*\s+",
    re.I)
#: The governed thing: a few words, up to punctuation or a relative clause.
_SCOPE_OBJECT = re.compile(r"(?:(?:the|our|this|these|any)\s+)?(?P<words>[^,.;:()\[\]\"“”]{1,60}?)"
                           r"(?=\s+(?:that|which|we|you|provided|made|offered|available|and\s+related)\b|[,.;:()\[\]\"“”]|$)",
                           re.I)


def governed_artifacts(clauses: Iterable[ClauseLike], terms: dict[str, str]) -> list[str]:
    """Artifacts a document governs without granting rights over them.

    Terms of service and use policies license nothing ("These terms apply to
    your use of the API"), yet they are about something: a service, a dataset,
    a model.  :func:`artifacts` reads grants; this reads the document's
    statement of scope near its start, for documents whose grants name no
    artifact.  A defined term ("the Website") counts for its artifact.
    """
    found: set[str] = set()
    for clause in clauses:
        if clause.start >= SCOPE_CHARS:
            break
        for m in _SCOPE.finditer(clause.text):
            obj = _SCOPE_OBJECT.match(clause.text, m.end())
            if not obj:
                continue
            words = " ".join(obj.group("words").split())
            named = _named_terms(words, terms)
            artifact = named[0] if named else _artifact_of(words)
            if artifact:
                found.add(artifact)
    return [a for a in ARTIFACT_ORDER if a in found]


#: A RAIL lists use-based restrictions in at least this many behavioural
#: categories (a lone "no illegal use" clause does not make a RAIL).
RAIL_MIN_CATEGORIES = 3


def rail_name(found_artifacts: list[str], found: list[Grant], categories: set[str],
              conditions: set[str]) -> str | None:
    """``[Open|Research]RAIL-<letters>``, or None for a licence that is no RAIL.

    A RAIL restricts behaviour in several categories and passes the
    restrictions on (flow-down).  Research: the permitted purpose is
    research / non-commercial.  Open: royalty-free modification and
    redistribution are granted (use follows from them) and not taken back by
    no-distribution / no-derivatives.  Otherwise plain RAIL.
    """
    if len(categories - {"other-use-restriction"}) < RAIL_MIN_CATEGORIES:
        return None
    if not found_artifacts or "restrictions-flow-down" not in conditions:
        return None
    letters = "".join(LETTER[a] for a in found_artifacts)
    if "non-commercial" in conditions:
        return f"ResearchRAIL-{letters}"
    rights = {r for g in found for r in g.rights}
    # what you may copy, change and hand on you may run (as freedoms.assess reads a grant):
    # a copyright licence "to reproduce, prepare derivative works and distribute" is open
    if {"modify", "share"} <= rights and any(g.royalty_free for g in found) \
            and "no-distribution" not in conditions and "no-derivatives" not in conditions:
        return f"OpenRAIL-{letters}"
    return f"RAIL-{letters}"
