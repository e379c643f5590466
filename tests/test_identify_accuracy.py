"""What a licence name means where it stands: a bare name inside a notice that
states the version (matchers.versions), a name the text contrasts itself with
(matchers.name_context), names offered as choices (matchers.options) and
licence badges among many licence names (matchers.badges).

Every text below is written for these tests.
"""

from __future__ import annotations

from licenselens import identify
from licenselens.matchers import badges, options, versions

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
