"""Result types: what identification (and, later, analysis) tells about one input.

These objects are the library's contract; formatters (``licenselens.formats``)
turn them into text or JSON.  ``to_dict`` gives the JSON shape documented in
the README; keys are only ever added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class LicenseMatch:
    """One licence (or exception) found in the text, with where and how well."""

    id: str  # SPDX id, or LicenseRef-scancode-<key>
    name: str
    osi_approved: bool
    fsf_libre: bool
    deprecated: bool
    category: str | None  # ScanCode's category (Permissive, Copyleft, ...)
    is_exception: bool
    score: float  # 0-100: share of the matched reference wording found here
    start: int  # character offsets in the input text (end exclusive)
    end: int
    expression: str  # the expression of the whole match this licence is part of
    matcher: str  # "spdx-id" | "exact" | "approximate"
    rule: str  # the reference rule or licence text that matched

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Candidate:
    """A known licence that resembles an unmatched span, and how much."""

    id: str
    name: str
    similarity: float  # 0-1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class UnknownSpan:
    """Licence-like text that matches no known licence well enough."""

    start: int
    end: int
    closest: list[Candidate] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "closest": [c.to_dict() for c in self.closest]}


@dataclass
class Identification:
    """Which licences a text holds, as one SPDX expression plus the evidence."""

    path: str | None
    expression: str | None
    licenses: list[LicenseMatch] = field(default_factory=list)
    unknown: list[UnknownSpan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def osi_approved(self) -> bool:
        """True when licences were found and every one is OSI-approved.

        Exceptions are not licences and carry no OSI flag of their own, so
        they neither make nor break the verdict.
        """
        licences = [m for m in self.licenses if not m.is_exception]
        return bool(licences) and all(m.osi_approved for m in licences)

    @property
    def ids(self) -> list[str]:
        """Distinct licence ids, in order of first appearance."""
        return list(dict.fromkeys(m.id for m in self.licenses))

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "expression": self.expression,
            "licenses": [m.to_dict() for m in self.licenses],
            "osi_approved": self.osi_approved,
            "unknown": [u.to_dict() for u in self.unknown],
            "errors": list(self.errors),
        }


@dataclass(frozen=True)
class Restriction:
    """A clause forbidding a use, with its behavioural category (taxonomy.md)."""

    category: str
    text: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Condition:
    """A clause imposing another condition (non-commercial, user threshold, copyleft ...)."""

    id: str
    text: str
    start: int
    end: int
    score: float
    #: A threshold's number and what it counts: ``700000000`` ``"users"``,
    #: ``1000000`` ``"USD"`` (an ISO 4217 code for revenue limits).
    value: int | None = None
    unit: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.value is None:
            del data["value"], data["unit"]
        return data


@dataclass
class Report(Identification):
    """Identification plus the clause analysis: what the licence forbids and demands.

    The JSON adds ``artifacts``, ``rail_name``, ``restrictions``,
    ``conditions``, ``freedoms`` and ``osaid_compatible`` to the identify
    contract; nothing of that contract changes.
    """

    artifacts: list[str] = field(default_factory=list)
    rail_name: str | None = None
    restrictions: list[Restriction] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    freedoms: dict = field(default_factory=dict)  # freedom -> licenselens.freedoms.Freedom

    @property
    def osaid_compatible(self) -> bool:
        """True only when every freedom is granted or conditional."""
        from .freedoms import osaid_compatible

        return bool(self.freedoms) and osaid_compatible(self.freedoms)

    def to_dict(self) -> dict:
        data = super().to_dict()
        data.update({
            "artifacts": list(self.artifacts),
            "rail_name": self.rail_name,
            "restrictions": [r.to_dict() for r in self.restrictions],
            "conditions": [c.to_dict() for c in self.conditions],
            "freedoms": {name: f.to_dict() for name, f in self.freedoms.items()},
            "osaid_compatible": self.osaid_compatible,
        })
        return data
