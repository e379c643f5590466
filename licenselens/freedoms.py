"""The four freedoms (OSI Open Source AI Definition): the rules, in one place.

Each freedom - use, study, modify, share - gets one status with the clauses
that decided it.  The rules follow the guiding mapping of taxonomy.md, and
apply to whatever the clause analysis found in *this* text (never to a
licence's name):

Use and modify are "for any purpose", so a behavioural-use restriction and
the limits on whom or what the whole licence serves (non-commercial,
field-of-use, and user-threshold and commercial-registration, which withhold
every right above a size or for commercial ends) restrict both: a prohibited
purpose may not be served by adapting the work either.  Sharing is
restricted by what binds recipients (flow-down), limits distribution, or
those limits of the whole licence.  A use restriction or licence limit
reaches modify and share only where the text gives that freedom, by a grant
naming it or by a clause about it ("if you distribute the Model, you must
..."): forbidding some uses of a service grants no right to modify or share
it.  Beyond that:

use
  restricted  any behavioural-use restriction, or non-commercial,
              user-threshold, commercial-registration, field-of-use,
              geographic, remote-control, acceptable-use-policy, no-hosting
  conditional patent-retaliation (an OSD-compatible condition)
  granted     a grant names use (use, run, execute ...), or modification
              or distribution (a work you may copy, change and hand on
              you may run)
study
  not-granted a clause forbids reverse engineering / decompiling and the
              licence grants neither modification nor sharing (a EULA or
              terms of service: the work is only to be run, not inspected)
  restricted  a clause forbids reverse engineering / decompiling in a
              licence that grants more than use
  granted     otherwise (reading the work needs no permission)
modify
  not-granted no-derivatives
  restricted  no-derivatives that only forbids sharing adaptations
              ("produce, but not Share, Adapted Material"; share is
              restricted too), or that another clause's grant of
              modification narrows to part of the work ("you will not
              modify the portions in binary form")
  restricted  any behavioural restriction or licence limit (non-commercial,
              field-of-use, user-threshold, commercial-registration) where
              modification is given; no-improving-other-models,
              naming-attribution
  conditional network-copyleft, patent-retaliation
  granted     a grant names modification (modify, adapt, derivative works ...)
share
  not-granted no-distribution
  restricted  a licence limit where sharing is given;
              restrictions-flow-down, naming-attribution, no-hosting,
              no-derivatives that only forbids sharing adaptations
  conditional attribution, copyleft (share-alike binds what is
              distributed, not a modified copy kept), network-copyleft
  granted     a grant names distribution (distribute, sublicense, publish ...)

A condition on sharing whose clause does not speak of sharing (a ban on
hosting a service; "include this licence with every implementation" in a
patent licence) decides share only where sharing is given, like the use
restrictions above; a licence limit that names the act ("may not use or
distribute it for commercial purposes") restricts that freedom directly.
A limitation the licensor *may* add ("the copyright holder may add an
explicit geographical distribution limitation") is not in force.  A
flow-down in a licence that limits nothing (no restriction, no use limit)
passes on only its open terms: share-alike, conditional like copyleft.

The strongest finding wins (not-granted > restricted > conditional >
granted).  With no finding and no grant naming the freedom the status is
``not-granted`` when the licence grants something else (a use-only EULA
does not grant sharing) and ``unknown`` when no grant was found at all or
only a licence under patents (which leaves copyright to another licence).
A clause that limits a freedom no grant names still reads as
``restricted``: grants are often implicit ("if you distribute derivative
works ..."), and the grant detector misses some, so the absence of a named
grant is weaker evidence than a clause about the freedom itself (which is
also why such a clause makes the licence limits reach that freedom).
``osaid_compatible`` is true only when every freedom is granted or
conditional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rail import RIGHT_WORDS, Grant

FREEDOMS = ("use", "study", "modify", "share")
#: Status strength: a stronger finding overrides a weaker one.
STRENGTH = {"granted": 0, "conditional": 1, "unknown": 2, "restricted": 3, "not-granted": 4}

#: Conditions that limit whom or what the whole licence serves (some purposes
#: only; every right withheld above a user count or for commercial ends
#: without approval): they restrict use, modify and share alike.
LICENCE_LIMITS = frozenset({"non-commercial", "field-of-use", "user-threshold", "commercial-registration"})
USE_RESTRICTING_CONDITIONS = frozenset({
    "non-commercial", "user-threshold", "commercial-registration", "field-of-use", "geographic",
    "remote-control", "acceptable-use-policy", "no-hosting",
})
#: condition id -> [(freedom, status)]
CONDITION_EFFECTS: dict[str, list[tuple[str, str]]] = {
    **{c: [("use", "restricted")] for c in USE_RESTRICTING_CONDITIONS},
    "no-derivatives": [("modify", "not-granted")],
    "no-improving-other-models": [("modify", "restricted")],
    "naming-attribution": [("modify", "restricted"), ("share", "restricted")],
    "no-distribution": [("share", "not-granted")],
    "restrictions-flow-down": [("share", "restricted")],
    "attribution": [("share", "conditional")],
    # share-alike binds what is distributed: a copy modified and kept is free
    "copyleft": [("share", "conditional")],
    "network-copyleft": [("modify", "conditional"), ("share", "conditional")],
    "patent-retaliation": [("use", "conditional"), ("modify", "conditional")],
}
CONDITION_EFFECTS["no-hosting"] = [("use", "restricted"), ("share", "restricted")]
#: What a flow-down can pass on that limits the recipients: a use limit or
#: a ban on improving other models (beside the behavioural restrictions).
_PASSED_ON_LIMITS = USE_RESTRICTING_CONDITIONS | {"no-improving-other-models", "naming-attribution", "no-derivatives",
                                                  "no-distribution"}
#: A no-derivatives clause that only forbids *sharing* adaptations.
SHARING_NO_DERIVATIVES = [("modify", "restricted"), ("share", "restricted")]
#: A no-derivatives clause in a licence that grants modification elsewhere
#: ("you may create derivative works of the source code" ... "you will not
#: modify the portions in binary form") withholds part of it.
PARTIAL_NO_DERIVATIVES = [("modify", "restricted")]

#: A limitation the licensor *may* add when licensing ("the original
#: copyright holder ... may add an explicit geographical distribution
#: limitation") is an option of the licensor, not a term in force.  (A
#: licensor's power to change the terms later is ``remote-control``, which
#: is in force.)
_LICENSOR_MAY_ADD = re.compile(
    r"\b(?:copyright\s+holders?|licensors?|authors?|owners?)\b[^.;]{0,80}?\bmay\s+(?:choose\s+to\s+)?"
    r"(?:add|impose|attach|include)\b", re.I)
_NO_STUDY = re.compile(r"\b(reverse[- ]engineer\w*|decompil\w*|disassembl\w*)\b", re.I)


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Freedom:
    status: str = "unknown"
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"status": self.status, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Finding:
    """One thing the clause analysis found: a restriction category or a condition id."""

    kind: str  # "restriction" | "condition"
    id: str
    text: str
    start: int
    end: int


def assess(findings: list[Finding], found_grants: list[Grant]) -> dict[str, Freedom]:
    """The four freedoms, each with a status and the clauses that decided it."""
    decided: dict[str, list[tuple[str, Evidence]]] = {f: [] for f in FREEDOMS}
    granted = {f: [g for g in found_grants if f in g.rights] for f in ("use", "modify", "share")}
    # what findings about other things take from modify / share, if given
    if_given: dict[str, list[tuple[str, Evidence]]] = {"modify": [], "share": []}
    findings = [f for f in findings if not _licensor_option(f)]
    passes_on_a_limit = any(f.kind == "restriction" or f.id in _PASSED_ON_LIMITS for f in findings)
    for finding in findings:
        evidence = Evidence(finding.text, finding.start, finding.end)
        limit = finding.id in LICENCE_LIMITS
        if finding.kind == "restriction" or limit:
            # use and modify are "for any purpose": a purpose the licence
            # rules out may not be served by running or adapting the work;
            # a licence limited to some purposes limits sharing to them too.
            decided["use"].append(("restricted", evidence))
            for freedom in ("modify", "share") if limit else ("modify",):
                # a limit that names the act ("may not use or distribute it
                # for commercial purposes") is about that freedom itself
                about = limit and RIGHT_WORDS[freedom].search(finding.text)
                (decided if about else if_given)[freedom].append(("restricted", evidence))
            if _NO_STUDY.search(finding.text):
                decided["study"].append(("restricted", evidence))
        for freedom, status in _effects(finding, granted["modify"], passes_on_a_limit):
            if freedom == "share" and not RIGHT_WORDS["share"].search(finding.text):
                # a ban on hosting a service, or credits to keep, say nothing
                # of copies handed on unless sharing is given
                if_given[freedom].append((status, evidence))
            elif (freedom == "modify" and STRENGTH[status] > STRENGTH["unknown"]
                  and not RIGHT_WORDS["modify"].search(finding.text)):
                # a limit on other work ("may not use output to develop
                # competing models") takes nothing from a right to adapt
                # this one that the licence never gives
                if_given[freedom].append((status, evidence))
            else:
                decided[freedom].append((status, evidence))
    for freedom, effects in if_given.items():
        # Forbidding a use implies the use is otherwise allowed, but says
        # nothing of a freedom the text never gives: a terms of service that
        # forbids some uses of a service does not let you modify it, and a
        # patent licence asking for its text in implementations gives no
        # copies to share.  A freedom is given by a grant naming it or,
        # implicitly, by a clause about it ("if you distribute the Model,
        # you must ...").
        if granted[freedom] or decided[freedom]:
            decided[freedom].extend(effects)
    if not granted["modify"] and not granted["share"]:
        # forbidding inspection of a work you may only run withholds study altogether
        decided["study"] = [("not-granted", e) for _, e in decided["study"]]
    result: dict[str, Freedom] = {}
    for freedom in FREEDOMS:
        if decided[freedom]:
            status = max((s for s, _ in decided[freedom]), key=STRENGTH.__getitem__)
            evidence = [e for s, e in decided[freedom] if s == status]
        elif freedom == "study":
            # a licence text that does not forbid inspection leaves it free:
            # reading the work needs no permission
            status, evidence = "granted", []
        elif granted[freedom] or (freedom == "use" and (granted["modify"] or granted["share"])):
            # a work you may copy, change and hand on "for any purpose" you
            # may also run: a grant of those rights gives use too
            status = "granted"
            giving = granted[freedom] or granted["modify"] + granted["share"]
            # evidence reads as one line, like the restrictions' and conditions'
            evidence = [Evidence(" ".join(g.clause.text.split()), g.clause.start, g.clause.end) for g in giving]
        else:
            # a licence under patents alone neither gives nor withholds the
            # copyright freedoms: what it does not say is unknown
            status = "not-granted" if any(not g.patents_only for g in found_grants) else "unknown"
            evidence = []
        result[freedom] = Freedom(status, _unique(evidence))
    return result


def _effects(finding: Finding, modify_grants: list[Grant], passes_on_a_limit: bool) -> list[tuple[str, str]]:
    """What a condition does to the freedoms (:data:`CONDITION_EFFECTS`), read in its licence."""
    if finding.id == "restrictions-flow-down" and not passes_on_a_limit:
        # terms passed on that limit nothing (the licence's own open terms:
        # "a Derivative Database must be only under the terms of this
        # License") are share-alike
        return CONDITION_EFFECTS["copyleft"]
    if finding.id == "no-derivatives":
        if RIGHT_WORDS["share"].search(finding.text):
            # "produce, but not Share, Adapted Material": adapting is
            # allowed, sharing the adaptation is not
            return SHARING_NO_DERIVATIVES
        if any(g.clause.start != finding.start for g in modify_grants):
            return PARTIAL_NO_DERIVATIVES
    return CONDITION_EFFECTS.get(finding.id, [])


def _licensor_option(finding: Finding) -> bool:
    """A condition the licensor may add, not one in force (:data:`_LICENSOR_MAY_ADD`)."""
    return finding.kind == "condition" and finding.id != "remote-control" and bool(_LICENSOR_MAY_ADD.search(finding.text))


def osaid_compatible(freedoms: dict[str, Freedom]) -> bool:
    return all(freedoms[f].status in ("granted", "conditional") for f in FREEDOMS)


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    return list(dict.fromkeys(evidence))
