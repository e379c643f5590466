"""What a licence name means where it stands: a bare name inside a notice that
states the version (matchers.versions), a name the text contrasts itself with
(matchers.name_context), names offered as choices (matchers.options) and
licence badges among many licence names (matchers.badges).

Every text below is written for these tests.
"""

from __future__ import annotations

from licenselens import identify
from licenselens.matchers import badges, notice_names, options, versions

# --------------------------------------------------------------------------- versions


def test_a_bare_licence_name_inside_a_notice_that_states_the_version_is_that_version():
    text = ("/* Frobnicator is distributed under the GNU GPL, version 3 or later.\n"
            " * Nothing here comes with any warranty; see the GNU General Public License for the details.\n */\n")
    assert identify(text).expression == "GPL-3.0-or-later"


def test_a_bare_name_alone_is_still_any_version():
    assert identify("Read the GNU General Public License before you change this file.\n").expression \
        == "GPL-1.0-or-later"


def test_a_bare_name_after_a_new_copyright_line_belongs_to_another_part():
    text = "# License: GPL-2.0-or-later\n#\n# The parser in parse.c is Copyright 2002 Jo Smith, licensed using GPL.\n"
    assert identify(text).expression == "GPL-2.0-or-later AND GPL-1.0-or-later"


def test_a_bare_name_that_states_licensing_itself_is_a_declaration_of_its_own():
    text = "# Licensed under GPLv2.\n# The helper scripts are distributed under the GNU General Public License.\n"
    assert identify(text).expression == "GPL-2.0-only AND GPL-1.0-or-later"


def test_a_number_that_is_no_version_of_the_licence_states_no_version():
    text = "Parts are based on the Acme 2100 GPL driver.\nRead the GNU General Public License before you change this file.\n"
    assert identify(text).expression == "GPL-1.0-or-later"


def test_a_name_without_a_version_is_read_as_the_first_version_or_later():
    ids = versions.any_version_ids(["GPL-1.0-or-later", "GPL-2.0-or-later", "GPL-2.0-only",
                                    "GFDL-1.1-invariants-or-later", "GFDL-1.1-or-later", "GFDL-1.3-or-later",
                                    "LGPL-2.0-or-later", "LGPL-2.1-or-later", "MIT"])
    assert ids == {"GPL-1.0-or-later", "GFDL-1.1-or-later", "LGPL-2.0-or-later"}


def test_the_family_of_an_spdx_id_is_the_id_up_to_its_version():
    assert versions.family("GPL-2.0-only") == ("GPL", "2")
    assert versions.family("LGPL-2.1-or-later") == ("LGPL", "2")
    assert versions.family("GFDL-1.3-invariants-only") == ("GFDL", "1")
    assert versions.family("MIT") is None


# --------------------------------------------------------------------------- contrast


def test_a_licence_the_text_contrasts_itself_with_is_not_its_licence():
    assert identify("Contrary to the GNU Public License (GPL), the MIT License asks little of you.\n").expression \
        == "MIT"
    assert identify("This file is under the MIT License. Unlike the GPL, it lets you keep changes private.\n") \
        .expression == "MIT"
    assert identify("You may use the Apache License 2.0 instead of the GPL.\n").expression == "Apache-2.0"


# --------------------------------------------------------------------------- options


def test_licence_names_listed_as_suggestions_are_not_the_text_s_licence():
    text = "meta:\n  # Some suggested licenses:\n  # - GPLv2\n  # - GPLv3\n  license: MIT\n"
    assert identify(text).expression == "MIT"


def test_a_list_of_licences_without_an_offer_above_it_still_names_them():
    assert identify("Licences of the parts:\n- GPLv2\n- MIT License\n").expression == "GPL-2.0-only AND MIT"


def test_only_list_items_under_an_offering_line_are_offered():
    text = "Pick one of these:\n- GPLv2\n\nThis file: GPLv3\n"
    assert options.offered(text, text.index("GPLv2"), text.index("GPLv2") + 5)
    assert not options.offered(text, text.index("GPLv3"), text.index("GPLv3") + 5)


# --------------------------------------------------------------------------- badges

_NAMES = ["MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "MPL-2.0", "EPL-1.0", "Zlib", "ISC", "GPL-3.0",
          "LGPL-3.0", "AGPL-3.0", "Artistic-2.0", "Unlicense", "CC0-1.0", "0BSD", "WTFPL"]
_BADGE = "[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)\n"


def test_a_licence_badge_declares_its_licence_even_beside_a_catalogue_of_names():
    catalogue = "Supported licences:\n" + "".join(f"- {name} License\n" for name in _NAMES)
    assert identify(catalogue, "README.md").expression is None
    assert identify(catalogue + "\n" + _BADGE, "README.md").expression == "MIT"


def test_a_badge_is_a_match_holding_an_image_link():
    assert badges.is_badge(_BADGE, 0, len(_BADGE))
    assert not badges.is_badge("Licensed under the MIT License.", 0, 31)


# --------------------------------------------------------------------------- names in notices


def _notice_rule_naming(ref, spdx_id: str, word: str) -> int:
    """A notice rule of ``spdx_id`` (not a licence text) whose own words hold ``word``."""
    from licenselens.reference import NOTICE, TEXT

    for rule, name in enumerate(ref.rule_names):
        flags = ref.rule_flags[rule]
        if (flags & NOTICE and not flags & TEXT and ref.expressions[ref.rule_expr[rule]] == spdx_id
                and word in notice_names._rule_words(name)):
            return rule
    raise AssertionError(f"no notice rule of {spdx_id} names it")


def test_a_loose_notice_match_needs_the_words_that_name_its_licence():
    from licenselens.matchers import Hit
    from licenselens.reference import load

    ref = load()
    rule = _notice_rule_naming(ref, "MPL-1.1", "mozilla")
    words = "the contents of this file are subject to the acme public license version 1 1".split()
    loose = Hit(rule, 0, len(words), int(ref.rule_len[rule]) - 3, int(ref.rule_len[rule]), "approximate")
    assert notice_names.names_another(ref, loose, "MPL-1.1", words)
    named = words[:9] + ["mozilla"] + words[10:]
    assert not notice_names.names_another(ref, loose, "MPL-1.1", named)
    verbatim = loose._replace(matcher="exact", matched=loose.length)
    assert not notice_names.names_another(ref, verbatim, "MPL-1.1", words)


def test_generic_words_of_a_licence_name_do_not_tell_licences_apart():
    from licenselens.reference import load

    ref = load()
    assert notice_names._distinctive(ref, "MPL-1.1") == {"mozilla"}
    assert notice_names._distinctive(ref, "GPL-2.0-only") == frozenset()


# --------------------------------------------------------------------------- a version given after the name


def test_a_name_the_data_reads_as_one_version_is_not_it_when_the_text_gives_another():
    words = "the acme open software license version 1 1 applies".split()
    assert versions.other_version(["OSL-3.0"], words, 2, 6)
    assert not versions.other_version(["OSL-3.0"], words[:6] + ["3", "0"], 2, 6)
    assert not versions.other_version(["GPL-2.0-or-later"], "gnu gpl version 3".split(), 0, 2)
    assert not versions.other_version(["OSL-3.0"], "open software license 1 1".split(), 0, 3)  # no "version"
    assert identify("Released under the Acme Open Software License, Version 1.1.\n").expression is None


# --------------------------------------------------------------------------- a name alone on its line


def test_a_weak_name_alone_on_a_header_line_declares_the_licence():
    assert identify("/*\n * PUBLIC DOMAIN\n */\nint x;\n").expression == "LicenseRef-scancode-public-domain"
    assert identify("#\n#   lgpl\n#\nrun()\n").expression == "LGPL-2.0-or-later"


def test_a_weak_name_inside_a_sentence_still_declares_nothing():
    assert identify("Many public domain tools exist for this task.\n").expression is None
