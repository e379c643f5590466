"""Thresholds: the number a threshold clause states, with what it counts.

A ``user-threshold`` clause ends the licence, or asks for another one, once
the licensee is big enough: "more than 700 million monthly active users",
"100M MAU", "annual revenue exceeding US $1,000,000".  Which clause is a
threshold is learnt (:mod:`licenselens.classify`); the number is formulaic,
so it is read here with rules, and it is read only together with what it
counts, because a number without its unit misleads: 1,000,000 dollars of
revenue is not 1,000,000 users.

What counts:

* **users** - a number followed within a few words by a noun for people,
  accounts or seats (users, MAU, players, members, seats, customers ...),
  or closing a comparison that began with such a noun ("monthly active
  users ... greater than 700 million");
* **money** - an amount in a currency ("$1M", "US $1,000,000", "USD 20
  million", "EUR 5 million", "10 million euros") that bounds a comparison
  ("exceeds", "more than", "or more") and that a word for the size of a
  business sits next to, in the same sentence part: revenue, turnover,
  income, sales, receipts, earnings, funding or valuation.  A fee, a price
  or a damages cap is an amount too, but no threshold.

Copies, requests, days and percentages are no thresholds.  When a clause
states several, the first in the text is the one reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Threshold", "USERS", "extract_threshold", "extract_user_threshold", "is_currency_code"]

#: The unit of a count of people, accounts or seats; money thresholds carry an ISO 4217 currency code.
USERS = "users"


def is_currency_code(unit: object) -> bool:
    """Whether ``unit`` is an ISO 4217 code ("USD", "EUR"): three capital letters."""
    return isinstance(unit, str) and len(unit) == 3 and unit.isascii() and unit.isalpha() and unit.isupper()


@dataclass(frozen=True)
class Threshold:
    """A number a threshold clause states: ``value`` in ``unit`` ("users", or a currency code such as "USD")."""

    value: int
    unit: str


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SUFFIXES = {"k": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "mio": 10**6, "b": 10**9, "bn": 10**9}
_WORD_NUMBER = "|".join(sorted(_SMALL, key=len, reverse=True))
# A number: digits (with thousands separators or a decimal part) and an
# optional scale ("700 million", "100M", "1.5bn"), or number words
# ("seven hundred million", "a million", "twenty-five thousand").
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b|(?P<suffix>k|mm|mn|mio|m|bn|b)\b)?"
    rf"|\b(?P<words>(?:(?:{_WORD_NUMBER}|a|an)[\s-]+)?(?:(?:{_WORD_NUMBER}|hundred|thousand|million|billion|and)[\s-]+)*"
    r"(?:hundred|thousand|million|billion)|(?:" + _WORD_NUMBER + r")(?:-(?:" + _WORD_NUMBER + r"))?)\b",
    re.IGNORECASE,
)
# What is being counted: people, accounts or seats - not copies, documents or money.
_COUNTED = re.compile(
    r"\s*(?:\(\s*\"?[\w ]{1,20}\"?\s*\)\s*)?(?:or (?:more|fewer|less|above|greater)\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:(?:end[- ])?users?|user accounts?|accounts|mau|dau|wau|players|viewers|listeners|subscribers|"
    r"members|seats|customers|citizens|people|persons|individuals|learners|students|patients|"
    r"installations|installs|devices|employees|licensees)\b",
    re.IGNORECASE,
)
# "monthly active users ... is greater than 700 million": the count comes after the noun.
_COUNTED_BEFORE = re.compile(
    r"(?:users|user base|mau|dau|user count|subscribers|players|customers)\b[^.;:]{0,120}?"
    r"(?:more than|greater than|exceed(?:s|ed|ing)?|above|over|at least|or more than|reach(?:es|ed)?|"
    r"of|up to|fewer than|less than|below|under)\s*$",
    re.IGNORECASE,
)


def _number_value(match: re.Match[str]) -> int | None:
    if match.group("digits"):
        raw = re.sub(r"[,\s\u00a0\u202f]", "", match.group("digits"))
        value = float(raw)
        scale = match.group("scale") or match.group("suffix")
        if scale:
            value *= _SCALES.get(scale.lower()) or _SUFFIXES[scale.lower()]
        return int(round(value))
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", match.group("words").lower()):
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in ("a", "an"):
            current += 1
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
    value = total + current
    return value if seen and value > 0 else None

# Currency marks, as written -> ISO 4217 code.  A bare "$" is read as US
# dollars: the licences that state revenue limits in "$" are US licences,
# and other dollars are written with their country ("A$", "CAD").
_CURRENCY_BEFORE = {
    "us$": "USD", "usd": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "\u20ac": "EUR", "eur": "EUR", "\u00a3": "GBP", "gbp": "GBP",
    "\u00a5": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "chf": "CHF", "\u20b9": "INR", "inr": "INR",
}
_CURRENCY_AFTER = {
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR",
    "eur": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "swiss francs": "CHF", "chf": "CHF",
    "rupees": "INR", "inr": "INR", "cad": "CAD", "aud": "AUD",
}


def _alternatives(marks: dict[str, str]) -> str:
    """One regex alternation of ``marks``, longest first, any white space allowed where a mark has a space."""
    return "|".join(re.escape(m).replace(r"\ ", r"\s*") for m in sorted(marks, key=len, reverse=True))


def _key(mark: str) -> str:
    return " ".join(mark.lower().split())


# Before the number: the mark must not end a longer word ("thousUSD").
_MARK_BEFORE = re.compile(
    r"(?<![\w$.])(?P<mark>u\.?s\.?\s*\$|" + _alternatives(_CURRENCY_BEFORE) + r")\s*$", re.IGNORECASE)
_MARK_AFTER = re.compile(r"\s*(?P<mark>" + _alternatives(_CURRENCY_AFTER) + r")\b", re.IGNORECASE)
# Words for the size of a business; a money amount near one of them is a threshold.
_SIZE_WORD = re.compile(
    r"\b(?:revenues?|turnover|income|sales|receipts|earnings|arr|funding|valuation|"
    r"market\s+capitali[sz]ation)\b",
    re.IGNORECASE,
)
# A threshold compares: "exceeds US $1,000,000", "less than $1M", "USD 1 million or more".
_COMPARED_BEFORE = re.compile(
    r"(?:(?:more|greater|less|fewer|higher|lower)\s+than|exceed\w*|above|over|under|below|at\s+(?:least|most)|"
    r"up\s+to|pass\w*|reach\w*|surpass\w*|beyond|in\s+excess\s+of|(?:or|and)\s+(?:more|less))"
    r"(?:\s+(?:a|an|the|total|of))*\s*(?:[a-z]{1,3}\.?\s*){0,2}[$\u20ac\u00a3\u00a5\u20b9]?\s*$",
    re.IGNORECASE,
)
_COMPARED_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:or|and)\s+(?:more|less|above|over|higher|greater|below|under)\b",
                             re.IGNORECASE)
# Where a sentence part ends: a semicolon, or a full stop and a space that
# do not close an abbreviation in capitals ("U.S. $1M").
_PART_END = re.compile(r";|(?<![A-Z])\.\s")


def _currency(text: str, match: re.Match[str]) -> str | None:
    """The currency of the number ``match`` found in ``text``, or ``None`` when it is no amount of money."""
    before = _MARK_BEFORE.search(text[max(0, match.start() - 10):match.start()])
    if before:
        return _CURRENCY_BEFORE.get(re.sub(r"[\s.]", "", before.group("mark").lower()))
    after = _MARK_AFTER.match(text, match.end())
    if after:
        return _CURRENCY_AFTER.get(_key(after.group("mark")))
    return None


def _near_size_word(text: str, start: int, end: int) -> bool:
    """Whether a word for the size of a business stands in the same sentence part, close to ``text[start:end]``."""
    lo, hi = max(0, start - 100), min(len(text), end + 60)
    for ends in _PART_END.finditer(text, lo, hi):
        if ends.end() <= start:
            lo = ends.end()
        elif ends.start() >= end:
            hi = ends.start()
            break
    return _SIZE_WORD.search(text, lo, hi) is not None


def _compared(text: str, match: re.Match[str]) -> bool:
    """Whether the amount ``match`` is the bound of a comparison ("exceeds ...", "... or more")."""
    return bool(_COMPARED_BEFORE.search(text[max(0, match.start() - 40):match.start()])
                or _COMPARED_AFTER.match(text, match.end()))


def _is_user_count(text: str, match: re.Match[str]) -> bool:
    return bool(_COUNTED.match(text, match.end()) or _COUNTED_BEFORE.search(text, 0, match.start()))


def extract_threshold(text: str) -> Threshold | None:
    """The first user count or revenue limit ``text`` states, with its unit, or ``None``."""
    for match in _NUMBER.finditer(text):
        value = _number_value(match)
        if value is None:
            continue
        currency = _currency(text, match)
        if currency is not None:
            if _compared(text, match) and _near_size_word(text, match.start(), match.end()):
                return Threshold(value, currency)
            continue
        if _is_user_count(text, match):
            return Threshold(value, USERS)
    return None


def extract_user_threshold(text: str) -> int | None:
    """The first user count ``text`` states, or ``None`` (money and other counts are skipped)."""
    for match in _NUMBER.finditer(text):
        value = _number_value(match)
        if value is not None and _currency(text, match) is None and _is_user_count(text, match):
            return value
    return None
