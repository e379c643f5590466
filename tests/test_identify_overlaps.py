"""Each stretch of text is reported once, also when a loose match is split into tighter ones."""

from __future__ import annotations

import importlib

from conftest import read_licence_text

from licenselens.matchers import Hit, kgram
from licenselens.normalize import tokenize
from licenselens.reference import load

identify_module = importlib.import_module("licenselens.identify")


def test_a_loose_match_split_into_tighter_ones_reports_each_match_once():
    ref = load()
    ids = ref.ids(tokenize(read_licence_text("isc")).words)
    n = len(ids)
    versions = identify_module.version_words(ref, ids)
    chosen = identify_module.choose([], kgram.Candidates(ref, ids, versions), n)
    assert [ref.expressions[ref.rule_expr[h.rule]] for h in chosen] == ["ISC"]
    # A long licence loosely aligned over the same words: the split finds the ISC text again.
    long_rule = ref.rule_names.index("gpl-3.0")
    loose = Hit(rule=long_rule, qstart=0, qend=n, matched=n // 3, length=int(ref.rule_len[long_rule]),
                matcher="approximate")
    result = identify_module.split_loose_matches(ref, [*chosen, loose], ids, versions)
    assert [(h.rule, h.qstart, h.qend) for h in result] == [(h.rule, h.qstart, h.qend) for h in chosen]


def test_matches_left_whole_are_returned_as_they_were():
    ref = load()
    ids = ref.ids(tokenize(read_licence_text("mit")).words)
    versions = identify_module.version_words(ref, ids)
    chosen = identify_module.choose([], kgram.Candidates(ref, ids, versions), len(ids))
    assert identify_module.split_loose_matches(ref, chosen, ids, versions) == chosen


def test_spdx_tags_a_licence_text_quotes_as_examples_are_no_tags_of_the_file():
    from licenselens import identify

    # the Cryptographic Autonomy License lists "SPDX-License-Identifier: CAL-1.0" and
    # "... CAL-1.0-Combined-Work-Exception" as the notices that apply it
    text = read_licence_text("cal-1.0")
    assert "SPDX-License-Identifier: CAL-1.0-Combined-Work-Exception" in text
    assert identify(text).expression == "CAL-1.0"


def test_an_spdx_tag_added_inside_a_licence_text_is_still_read():
    from licenselens import identify

    body = read_licence_text("mit")
    cut = body.index("THE SOFTWARE IS PROVIDED")
    text = body[:cut] + "SPDX-License-Identifier: Apache-2.0\n\n" + body[cut:]
    assert {"MIT", "Apache-2.0"} <= set(identify(text).ids)
