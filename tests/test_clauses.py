"""Specification of licenselens.clauses: a licence cut into clauses with exact spans.

Every clause is a slice of the user's text (``text == source[start:end]``) and knows
its place in the document: the section heading above it, whether that section is an
attachment or use policy, and - for list items - its marker, nesting level and the
lead-in sentence or parent item it hangs under.  The sample texts below are written
for these tests; real licences are read from the installed reference data.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licenselens.clauses import ITEM_SPLIT_CHARS, Clause, lead_in, segment
from licenselens.reference import licence_text as reference_text


def assert_well_formed(source: str, clauses: list[Clause]) -> None:
    """The invariants every segmentation keeps, whatever the input."""
    previous_end = 0
    for index, clause in enumerate(clauses):
        assert previous_end <= clause.start < clause.end <= len(source), clause
        assert clause.text == source[clause.start : clause.end]
        assert clause.text == clause.text.strip()
        assert any(c.isalnum() for c in clause.text), clause
        assert clause.kind in ("heading", "sentence", "item", "definition")
        assert clause.parent is None or 0 <= clause.parent < index
        assert clause.level >= 0
        assert (clause.level > 0) == (clause.kind != "heading" and clause.marker is not None)
        previous_end = clause.end


def find(clauses: list[Clause], start_of_text: str) -> Clause:
    hits = [c for c in clauses if c.text.startswith(start_of_text)]
    assert len(hits) == 1, (start_of_text, [c.text for c in clauses])
    return hits[0]


def index_of(clauses: list[Clause], start_of_text: str) -> int:
    return clauses.index(find(clauses, start_of_text))


# --------------------------------------------------------------------------- sample texts

RAIL_STYLE = """\
Example Responsible AI License
Version 1.0

Section I: PREAMBLE

This licence is written for a fictional image model. It lets people share
the model while keeping some uses off limits.

Section II: GRANTS

1. Grant of Copyright License. Subject to the terms of this License, the
Licensor grants You a worldwide, royalty-free licence to use the Model.

2. Conditions. You may share the Model provided that:

(a) You pass on the use restrictions in Attachment A;
(b) You keep all notices.

END OF TERMS AND CONDITIONS

Attachment A
Use Restrictions

You agree not to use the Model or Derivatives of the Model:
(a) In any way that breaks a law of any country;
(b) To create false news stories meant to fool people;
(c) To follow, track or watch a person without consent;
"""

POLICY_STYLE = """\
# Widget Model Acceptable Use Policy

We want everyone to use Widget safely. You agree you will not use, or let others use, Widget to:

1. Break the law or the rights of others, including to:
    1. Plan or take part in violent acts
    2. Hurt or exploit children, including:
        * making abuse material
        * grooming
    3. Run an unlicensed pharmacy
2. Put people in danger, including by:
    1. Building weapons
    2. Operating critical machines without a human in charge
3. Mislead others, including:
    - writing fake reviews
    - posing as a real person

## Reporting

Please report problems to the address on our website.

# Citation

Cite the Widget paper when you use the model.
"""

DEFINITIONS = """\
DEFINITIONS

"Model" means the trained weights and any checkpoints.
\u201cOutput\u201d shall mean anything the Model produces.
Licensor: means the person offering this licence.
"You" (or "Your") refers to the person using the Model.
(e) "Derivative" means a model trained from the Model.
f. Copyright and Similar Rights means rights closely related to copyright.
g. You means the person exercising the rights.

This means that the grant is personal. Notice is given in writing.
"""

WRAPPED = """\
The Licensor grants you a licence to run the model on your own computers
for research. You may not sell access to the model or any service built
on it, e.g. a paid chat product. Copies must carry this notice, which is
described in Section
2. of this document.
"""

MARKDOWN = """\
Widget Terms
============

Some intro text.

## Rules

* Keep the notice.
* Do not:
  - sell the model;
  - remove the watermark.
+ Share alike.

**Prohibited Uses**

You must not use the model for (i) spam, (ii) fraud, or (iii) stalking. That is all.
"""


# --------------------------------------------------------------------------- basics


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\r\n", "---\n***\n", "(a)\n-\n#\n"])
def test_text_without_words_has_no_clauses(text):
    assert segment(text) == []


def test_clauses_are_frozen_slices_of_the_source():
    clauses = segment(RAIL_STYLE)
    assert_well_formed(RAIL_STYLE, clauses)
    with pytest.raises(AttributeError):
        clauses[0].text = "changed"  # type: ignore[misc]


def test_a_single_sentence_is_one_clause():
    text = "  Permission is granted to use this model.\n"
    (clause,) = segment(text)
    assert (clause.text, clause.kind, clause.level, clause.section) == (
        "Permission is granted to use this model.", "sentence", 0, None)
    assert text[clause.start : clause.end] == clause.text


# --------------------------------------------------------------------------- RAIL style


def test_rail_attachment_items_hang_under_their_lead_in():
    clauses = segment(RAIL_STYLE)
    lead_in = index_of(clauses, "You agree not to use the Model or Derivatives of the Model:")
    items = [c for c in clauses if c.in_attachment and c.kind == "item"]
    assert [c.marker for c in items] == ["(a)", "(b)", "(c)"]
    assert all(c.parent == lead_in and c.level == 1 for c in items)
    assert items[1].text == "To create false news stories meant to fool people;"
    assert all(c.section == "Attachment A - Use Restrictions" for c in items)
    assert clauses[lead_in].kind == "sentence" and clauses[lead_in].in_attachment


def test_item_text_excludes_its_marker():
    clauses = segment(RAIL_STYLE)
    item = find(clauses, "In any way that breaks a law")
    assert RAIL_STYLE[item.start - 4 : item.start] == "(a) "
    assert item.marker == "(a)"


def test_consecutive_title_lines_name_one_section():
    clauses = segment(RAIL_STYLE)
    headings = [c for c in clauses if c.kind == "heading"]
    assert [c.text for c in headings][-2:] == ["Attachment A", "Use Restrictions"]
    assert {c.section for c in headings[-2:]} == {"Attachment A - Use Restrictions"}


def test_attachment_flag_starts_at_the_attachment():
    clauses = segment(RAIL_STYLE)
    before = clauses[: index_of(clauses, "Attachment A")]
    assert before and not any(c.in_attachment for c in before)
    # "in Attachment A" inside a sentence is a reference, not the attachment itself
    assert not find(clauses, "You pass on the use restrictions").in_attachment


def test_numbered_section_title_with_run_in_text():
    clauses = segment(RAIL_STYLE)
    heading = find(clauses, "1. Grant of Copyright License")
    assert heading.kind == "heading" and heading.text == "1. Grant of Copyright License."
    assert heading.marker == "1." and heading.level == 0
    body = clauses[clauses.index(heading) + 1]
    assert body.text.startswith("Subject to the terms") and body.kind == "sentence"
    assert body.section == "1. Grant of Copyright License"


def test_main_body_items_have_the_sentence_before_them_as_parent():
    clauses = segment(RAIL_STYLE)
    lead_in = index_of(clauses, "You may share the Model provided that:")
    item = find(clauses, "You pass on the use restrictions")
    assert (item.parent, item.level, item.marker) == (lead_in, 1, "(a)")
    assert item.section == "2. Conditions"


def test_keyword_headings():
    clauses = segment(RAIL_STYLE)
    assert find(clauses, "Section I: PREAMBLE").kind == "heading"
    assert find(clauses, "This licence is written").section == "Section I: PREAMBLE"
    assert find(clauses, "END OF TERMS AND CONDITIONS").kind == "heading"


# --------------------------------------------------------------------------- policy style


def test_policy_nesting_follows_indentation_and_marker_changes():
    clauses = segment(POLICY_STYLE)
    lead_in = index_of(clauses, "You agree you will not use")
    top = find(clauses, "Break the law")
    nested = find(clauses, "Hurt or exploit children")
    bullet = find(clauses, "grooming")
    assert (top.level, top.parent, top.marker) == (1, lead_in, "1.")
    assert (nested.level, nested.parent, nested.marker) == (2, clauses.index(top), "2.")
    assert (bullet.level, bullet.parent, bullet.marker) == (3, clauses.index(nested), "*")
    # back out two levels: "3." at column 0 continues the outer list, not the nested one
    outer = find(clauses, "Mislead others")
    assert (outer.level, outer.parent, outer.marker) == (1, lead_in, "3.")
    assert find(clauses, "posing as a real person").parent == clauses.index(outer)


def test_policy_heading_sets_attachment_until_next_top_level_heading():
    clauses = segment(POLICY_STYLE)
    assert find(clauses, "Widget Model Acceptable Use Policy").kind == "heading"
    assert find(clauses, "Break the law").in_attachment
    report = find(clauses, "Please report problems")
    assert report.section == "Reporting" and report.in_attachment  # "##" stays inside
    cite = find(clauses, "Cite the Widget paper")
    assert cite.section == "Citation" and not cite.in_attachment


def test_short_unpunctuated_items_are_items_not_headings():
    clauses = segment(POLICY_STYLE)
    assert find(clauses, "Plan or take part in violent acts").kind == "item"
    text = "Prohibited Uses\n\n1. Fraud\n2. Spam\n\nForbidden Things\n\n1. Fraud.\n\n2. Spam.\n"
    clauses = segment(text)
    items = [c for c in clauses if c.kind == "item"]
    assert [c.text for c in items] == ["Fraud", "Spam", "Fraud.", "Spam."]
    assert [c.section for c in items] == ["Prohibited Uses"] * 2 + ["Forbidden Things"] * 2


def test_roman_numerals_and_letters_are_told_apart_by_context():
    text = (
        "You must not:\n(a) copy the model;\n(b) sell it, including:\n(i) selling access;\n"
        "(ii) selling outputs;\n(c) host it;\n(d) d;\n(e) e;\n(f) f;\n(g) g;\n(h) h;\n"
        "(i) do the ninth thing.\n"
    )
    clauses = segment(text)
    assert_well_formed(text, clauses)
    lead_in = index_of(clauses, "You must not:")
    sell = index_of(clauses, "sell it")
    assert [(c.level, c.parent) for c in clauses if c.text.startswith("selling")] == [(2, sell)] * 2
    assert (find(clauses, "host it").level, find(clauses, "host it").parent) == (1, lead_in)
    ninth = find(clauses, "do the ninth thing")
    assert (ninth.marker, ninth.level, ninth.parent) == ("(i)", 1, lead_in)


def test_lettered_items_nested_under_a_numbered_item_at_the_same_indentation():
    text = "1. You must not use the model:\n(a) for spam;\n(b) for fraud.\n2. Keep notices.\n"
    clauses = segment(text)
    first = index_of(clauses, "You must not use the model:")
    assert [(c.level, c.parent) for c in clauses if c.marker in ("(a)", "(b)")] == [(2, first)] * 2
    second = find(clauses, "Keep notices.")
    assert (second.level, second.marker) == (1, "2.")


def test_a_paragraph_ends_the_list_and_its_lead_in():
    text = "You must not:\n\n- spam;\n- lie.\n\nThe rest is allowed.\n\n- one more bullet\n"
    clauses = segment(text)
    assert find(clauses, "spam;").parent == 0
    after = find(clauses, "one more bullet")
    assert after.parent is None and after.level == 1


# --------------------------------------------------------------------------- items


def test_long_item_is_split_into_sentences_that_keep_the_item_structure():
    sentence = "You must tell every user of the service that the model can be wrong about facts. "
    long_item = sentence * (ITEM_SPLIT_CHARS // len(sentence) + 2)
    text = f"You agree:\n(a) {long_item.strip()}\n(b) A short item.\n"
    clauses = segment(text)
    pieces = [c for c in clauses if c.marker == "(a)"]
    assert len(pieces) > 1
    assert all((c.kind, c.level, c.parent) == ("item", 1, 0) for c in pieces)
    assert all(c.text == sentence.strip() for c in pieces)
    assert find(clauses, "A short item.").parent == 0


def test_multi_sentence_item_below_the_limit_stays_one_clause():
    text = "1. Keep notices. Do not remove them. Add yours below.\n2. Share alike.\n"
    clauses = segment(text)
    assert [c.text for c in clauses] == [
        "Keep notices. Do not remove them. Add yours below.",
        "Share alike.",
    ]


def test_a_bans_inline_list_becomes_items_under_its_lead():
    clauses = segment(MARKDOWN)
    lead = find(clauses, "You must not use the model for")
    assert lead.text == "You must not use the model for" and lead.kind == "sentence"
    items = [c for c in clauses if c.parent is not None and clauses[c.parent] is lead]
    assert [c.marker for c in items] == ["(i)", "(ii)", "(iii)"]
    assert items[0].text.startswith("(i) spam") and items[-1].text.endswith("(iii) stalking.")
    assert all(c.kind == "item" and MARKDOWN[c.start:c.end] == c.text for c in items)
    assert find(clauses, "That is all.").kind == "sentence"


def test_an_inline_list_that_bans_nothing_stays_in_one_sentence():
    text = "The Licensor grants you the right to (i) use, (ii) copy and (iii) modify the Software. That is all."
    clauses = segment(text)
    assert [c.text for c in clauses] == [
        "The Licensor grants you the right to (i) use, (ii) copy and (iii) modify the Software.", "That is all."]


def test_the_conditions_of_a_grant_listed_inline_become_items_under_the_grant():
    text = ("The Lab grants you a licence to use and share the Tables, provided that: (a) every copy keeps this "
            "notice; (b) these terms apply to any copy you pass on; and (c) changed Tables are marked as changed.")
    clauses = segment(text)
    grant = clauses[0]
    assert grant.text == "The Lab grants you a licence to use and share the Tables, provided that:"
    items = [c for c in clauses if c.parent == 0]
    assert [c.marker for c in items] == ["(a)", "(b)", "(c)"]
    assert items[1].text == "(b) these terms apply to any copy you pass on; and"
    assert all(text[c.start:c.end] == c.text for c in clauses)


def test_provided_that_inside_the_lead_does_not_announce_the_list():
    text = ("Provided that you keep this notice, the Lab grants you the right to (i) use, (ii) copy and (iii) share "
            "the Tables.")
    assert [c.text for c in segment(text)] == [text]


def test_inline_items_under_a_lead_in_that_bans_are_cut_too():
    text = ("You will not:\n\n"
            "a. use the Model for (i) payroll fraud, (ii) mass surveillance, or (iii) weapons research;\n"
            "b. sell the Model.\n")
    clauses = segment(text)
    item = find(clauses, "(ii) mass surveillance")
    assert item.kind == "item" and item.marker == "(ii)"
    assert lead_in(clauses, item) == "You will not: use the Model for"


def test_wrapped_item_lines_belong_to_the_item():
    text = (
        "      a. Grant of Rights. You are granted a non-exclusive, non-\n"
        "transferable licence to use the Materials.\n"
        "      b. Redistribution.\n\n"
        "            i. If you share the Materials, include this\n"
        "Agreement.\n"
        "            ii. Keep the notice.\n"
    )
    clauses = segment(text)
    assert_well_formed(text, clauses)
    a = find(clauses, "Grant of Rights.")
    assert a.text.endswith("use the Materials.") and a.kind == "item" and a.level == 1
    b = index_of(clauses, "Redistribution.")
    nested = [c for c in clauses if c.level == 2]
    assert [c.marker for c in nested] == ["i.", "ii."] and all(c.parent == b for c in nested)
    assert nested[0].text.endswith("Agreement.")


# --------------------------------------------------------------------------- definitions


def test_definition_shapes():
    clauses = segment(DEFINITIONS)
    assert_well_formed(DEFINITIONS, clauses)
    kinds = {c.text.split(" ")[0]: c.kind for c in clauses}
    assert kinds == {
        "DEFINITIONS": "heading",
        '"Model"': "definition",
        "\u201cOutput\u201d": "definition",
        "Licensor:": "definition",
        '"You"': "definition",
        '"Derivative"': "definition",
        "Copyright": "definition",
        "You": "definition",
        "This": "sentence",
        "Notice": "sentence",
    }
    assert find(clauses, '"Derivative"').marker == "(e)"
    assert all(c.section == "DEFINITIONS" for c in clauses)


def test_definition_sentences_in_a_paragraph():
    text = (
        '"Work" shall mean the work of authorship. For this definition, "made" means '
        'created.\n\n"Source" form shall mean the preferred form for making changes.\n'
    )
    clauses = segment(text)
    assert [c.kind for c in clauses] == ["definition", "sentence", "definition"]


# --------------------------------------------------------------------------- layout


def test_hard_wrapped_paragraph_is_split_into_sentences_with_exact_spans():
    clauses = segment(WRAPPED)
    assert_well_formed(WRAPPED, clauses)
    first, second = clauses[0], clauses[1]
    assert first.text == (
        "The Licensor grants you a licence to run the model on your own computers\nfor research."
    )
    assert second.text.startswith("You may not sell")
    assert second.text.endswith("a paid chat product.")
    assert "e.g." in second.text  # abbreviations do not end a sentence
    # "2." at the start of a wrapped line continues the sentence; it is not a list item
    assert not any(c.kind == "item" for c in clauses)


def test_a_full_stop_followed_by_a_comma_ends_an_abbreviation_not_a_sentence():
    text = ("Any use outside this licence is subject to the penalties of the Copyright Act, 17 U.S.C. 101 et seq., "
            "the like laws of other countries, and treaty. This section survives termination.")
    clauses = segment(text)
    assert_well_formed(text, clauses)
    assert [c.text[:12] for c in clauses] == ["Any use outs", "This section"]


def test_crlf_line_endings_give_the_same_structure():
    lf = segment(RAIL_STYLE)
    crlf_text = RAIL_STYLE.replace("\n", "\r\n")
    crlf = segment(crlf_text)
    assert_well_formed(crlf_text, crlf)
    assert [(c.kind, c.level, c.marker, c.parent, c.section, c.in_attachment) for c in crlf] == [
        (c.kind, c.level, c.marker, c.parent, c.section, c.in_attachment) for c in lf
    ]
    assert [c.text.replace("\r\n", "\n") for c in crlf] == [c.text for c in lf]


def test_markdown_headings_and_bullets():
    clauses = segment(MARKDOWN)
    assert_well_formed(MARKDOWN, clauses)
    assert find(clauses, "Widget Terms").kind == "heading"  # setext
    assert find(clauses, "Some intro text.").section == "Widget Terms"
    rules = find(clauses, "Rules")
    assert rules.kind == "heading" and rules.text == "Rules"  # no "## " in the span
    do_not = index_of(clauses, "Do not:")
    sub = [c for c in clauses if c.marker == "-"]
    assert [(c.level, c.parent) for c in sub] == [(2, do_not)] * 2
    share = find(clauses, "Share alike.")
    assert (share.marker, share.level) == ("+", 1)
    bold = find(clauses, "Prohibited Uses")
    assert bold.kind == "heading" and bold.section == "Prohibited Uses"
    assert not any("=" in c.text for c in clauses)


def test_title_case_line_inside_a_paragraph_is_not_a_heading():
    text = (
        "You may use the Materials for any purpose. The Licensed\n"
        "Model Weights\n"
        "are provided without warranty.\n"
    )
    assert [c.kind for c in segment(text)] == ["sentence", "sentence"]


def test_sentence_like_lines_are_not_headings():
    text = "Exhibit A contains the list of models.\n\nSection 3 of this License applies.\n"
    clauses = segment(text)
    assert [c.kind for c in clauses] == ["sentence", "sentence"]
    assert not any(c.in_attachment for c in clauses)


# --------------------------------------------------------------------------- real texts


@pytest.mark.parametrize("key", ["bigscience-open-rail-m", "llama-2-license-2023", "apache-2.0"])
def test_real_licences_keep_exact_spans(key):
    text = reference_text(key)
    clauses = segment(text)
    assert len(clauses) > 20
    assert_well_formed(text, clauses)


def test_real_rail_licence_attachment_restrictions_hang_under_the_lead_in():
    text = reference_text("bigscience-open-rail-m")
    clauses = segment(text)
    restrictions = [c for c in clauses if c.in_attachment and c.kind == "item"]
    assert len(restrictions) >= 10
    parents = {c.parent for c in restrictions}
    assert len(parents) == 1
    (parent,) = parents
    assert parent is not None and clauses[parent].text.endswith(":")
    assert clauses[parent].in_attachment
    assert any(c.kind == "definition" and c.level == 1 for c in clauses)
    assert any(c.kind == "heading" and c.in_attachment for c in clauses)


def test_real_llama_licence_nests_items_and_finds_definitions():
    clauses = segment(reference_text("llama-2-license-2023"))
    assert sum(c.kind == "definition" for c in clauses) >= 5
    nested = [c for c in clauses if c.level == 2]
    assert nested and all(clauses[c.parent].kind == "item" for c in nested)
    assert not any(c.in_attachment for c in clauses)


def test_real_apache_licence_structure():
    clauses = segment(reference_text("apache-2.0"))
    assert sum(c.kind == "definition" for c in clauses) >= 8
    items = [c for c in clauses if c.marker == "(a)"]
    assert items and clauses[items[0].parent].text.endswith(":")
    assert any(c.kind == "heading" and c.section and c.section.startswith("2. ") for c in clauses)
    assert clauses[-1].in_attachment  # the appendix


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    "\n", "\r\n", "\n\n", "  ", "\t", "(a) ", "(i) ", "1. ", "2) ", "iv. ", "- ", "* ", "\u2022 ",
    "\u2013 ", "# ", "## ", "Attachment A", "Section 2. ", "USE RESTRICTIONS", "Use Policy",
    "You agree not to:", '"Model" means ', "\u201cTerm\u201d shall mean ", "word ", "Word ",
    "WORD ", ". ", ": ", "; ", "e.g. ", "===", "---", "***", "\u2028", "\x0c", "\u00e9",
    "\u3002", "\u0130", "\u00a0", "(", ")", '"', "\u201c", "#", ">", "|", "1.2.3 ", "x) ",
])
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_any_text_segments_into_well_formed_clauses(text):
    assert_well_formed(text, segment(text))


# --------------------------------------------------------------------------- linear time (issue #5 fuzzing)
# Each input below took tens of seconds (time quadratic in its length) before the fix,
# and a few milliseconds after; the bound leaves a wide margin for a busy machine.

_LINEAR_SECONDS = 3.0


def _timed_segment(text: str) -> list[Clause]:
    import time

    started = time.perf_counter()
    clauses = segment(text)
    assert time.perf_counter() - started < _LINEAR_SECONDS
    assert_well_formed(text, clauses)
    return clauses


def test_a_markdown_heading_with_a_long_run_of_spaces_is_read_in_linear_time():
    clauses = _timed_segment("# Title" + " " * 40_000 + "end\n\nThe body text.\n")
    assert clauses[0].kind == "heading" and clauses[-1].section == "Title end"


def test_a_long_run_of_title_lines_is_read_in_linear_time_and_names_short_sections():
    text = "".join(f"COMPONENT NUMBER {i}\n" for i in range(8_000)) + "\nThe licence text.\n"
    clauses = _timed_segment(text)
    assert max(len(c.section or "") for c in clauses) < 200  # a few title lines, not 8,000


def test_a_long_token_of_punctuation_is_sentence_split_in_linear_time():
    import random

    rng = random.Random(5)
    junk = "".join(rng.choice(";\"'),]!*") for _ in range(30_000))
    clauses = _timed_segment(f"Keep this notice. {junk} Next sentence here.")
    # spaCy keeps punctuation after a full stop in the sentence it ends
    assert clauses[0].text.startswith("Keep this notice.") and clauses[-1].text.endswith("Next sentence here.")


def test_definition_detection_is_linear_in_runs_of_underscores_and_spaces():
    assert _timed_segment("Licensee" + "_" * 20_000 + " signs here.")[0].kind == "sentence"
    assert _timed_segment("Model" + " " * 20_000 + "weights are here.")[0].kind == "sentence"
    assert _timed_segment("Licensee" + "_" * 20_000 + " means you.")[0].kind == "definition"


def test_a_passage_boxed_in_asterisks_reads_as_a_heading_and_sentences_not_as_bullets():
    text = ("*" * 40 + "\n"
            "*  7. Limitation of Liability         *\n"
            "*                                     *\n"
            "*  No party is liable for damages.    *\n"
            "*  This limitation may not apply to   *\n"
            "*  You.                               *\n"
            + "*" * 40 + "\n")
    clauses = segment(text)
    assert [(c.kind, c.text) for c in clauses][0] == ("heading", "7. Limitation of Liability")
    assert all(c.section == "7. Limitation of Liability" for c in clauses[1:])
    assert [c.kind for c in clauses[1:]] == ["sentence", "sentence"]
    assert all(text[c.start:c.end] == c.text for c in clauses)


def test_one_line_between_asterisks_is_no_box():
    # a bullet whose text happens to end with "*" stays a bullet
    [bullet, _] = segment("* Note: keep this file. *\n\nYou may copy it.")
    assert (bullet.kind, bullet.marker) == ("item", "*")
    assert segment("*emphasis* is not a frame.")[0].text == "*emphasis* is not a frame."
