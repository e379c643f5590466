"""A rule's key/value separators are found when the index is built, not read per query.

Which word gaps of a rule hold ":" or "=" decides whether a short declaration
("license: MIT") counts; the index stores them so that identification never
opens a rule file.  What the index holds must be what the rule file says.
"""

from __future__ import annotations

import pytest

from licenselens.matchers.separators import _separated_gaps
from licenselens.reference import TEXT, _front_matter, data_dir, load, separated_gaps


def _from_rule_file(name: str) -> list[int]:
    raw = (data_dir() / "rules" / f"{name}.RULE").read_text(encoding="utf-8")
    return separated_gaps(_front_matter(raw)[1])


def _rules_with(separator: str, count: int) -> list[int]:
    """Short rules (not licence texts) whose own text puts ``separator`` between two words."""
    ref = load()
    found = []
    for rule, name in enumerate(ref.rule_names):
        if ref.rule_flags[rule] & TEXT or ref.rule_len[rule] > 16:
            continue
        body = _front_matter((data_dir() / "rules" / f"{name}.RULE").read_text(encoding="utf-8"))[1]
        other = "=" if separator == ":" else ":"
        if separated_gaps(body.replace(other, " ")):  # a gap holding this separator itself
            found.append(rule)
            if len(found) == count:
                break
    return found


def test_word_gaps_with_a_colon_or_an_equals_sign_are_counted_between_words():
    assert separated_gaps("license: MIT") == [0]
    assert separated_gaps('license = "Python"') == [0]
    assert separated_gaps("Licensed under the GPL") == []
    assert separated_gaps("see http://example.org/ for details") == [1]
    assert separated_gaps(":leading and trailing:") == []


@pytest.mark.parametrize("separator", [":", "="])
def test_the_index_holds_the_separators_of_the_rule_file(separator):
    ref = load()
    rules = _rules_with(separator, 5)
    assert rules, f"no short rule with {separator!r} in the reference data"
    for rule in rules:
        assert _separated_gaps(ref, rule) == _from_rule_file(ref.rule_names[rule]) != []


def test_a_rule_without_separators_has_none_in_the_index():
    ref = load()
    plain = next(rule for rule, name in enumerate(ref.rule_names)
                 if not ref.rule_flags[rule] & TEXT and not _from_rule_file(name))
    assert _separated_gaps(ref, plain) == []


def test_licence_texts_store_no_separators():
    """Only short declarations are checked for separators, never a licence's full text."""
    ref = load()
    texts = [rule for rule in range(len(ref.rule_names)) if ref.rule_flags[rule] & TEXT]
    assert texts and all(_separated_gaps(ref, rule) == [] for rule in texts)
