"""Specification: a licence named by its SPDX short name with "v"/"version" before its number
(licenselens.matchers.versioned_names)."""

from __future__ import annotations

import pytest

from licenselens import identify
from licenselens.matchers import versioned_names


@pytest.mark.parametrize(("sentence", "expression"), [
    ("This library is licensed under the EUPL v1.2.", "EUPL-1.2"),
    ("Licensed under the EUPL v 1.2", "EUPL-1.2"),
    ("Released under the EUPL version 1.2.", "EUPL-1.2"),
    ("License: EUPL ver. 1.2", "EUPL-1.2"),
    ("The code is distributed under the EUPL v1.1", "EUPL-1.1"),
    ("The plugin is made available under the EPL v2.0.", "EPL-2.0"),
    ("The bundle is available under the terms of the CDDL v1.0.", "CDDL-1.0"),
    ("This file is subject to the MPL version 2.0", "MPL-2.0"),
    ("License: MPL v2", "MPL-2.0"),  # "2" stands for "2.0"
    ("The fonts are licensed under the OFL v. 1.1.", "OFL-1.1"),
    # the SPDX name up to its version is the short name too
    ("This work is licensed under the European Union Public Licence version 1.2.", "EUPL-1.2"),
    # an SPDX id made of several words, written with spaces or dashes
    ("Text and images are licensed under CC BY-SA v4.0.", "CC-BY-SA-4.0"),
    # the word licence after the version says what it is
    ("EUPL v1.2 licence applies to every file.", "EUPL-1.2"),
])
def test_a_short_name_with_a_written_version_is_that_spdx_licence(sentence, expression):
    result = identify(sentence + "\n")
    assert result.expression == expression
    (match,) = result.licenses
    assert match.matcher == versioned_names.MATCHER
    assert match.rule == versioned_names.RULE
    named = sentence[match.start:match.end]  # the name and its version, no lead, nothing after
    assert named[-1].isdigit() and named.split()[0].lower() not in ("the", "license:", "under", "licensed")


@pytest.mark.parametrize(("line", "expression"), [
    ("EUPL v 1.2", "EUPL-1.2"),
    ("EUPL version 1.2", "EUPL-1.2"),
    ("The EPL v2.0", "EPL-2.0"),
    ("# CDDL v1.0", "CDDL-1.0"),
])
def test_a_licence_acronym_with_its_version_alone_on_a_line_titles_that_licence(line, expression):
    assert identify(line + "\n").expression == expression


@pytest.mark.parametrize("text", [
    # ids that do not exist: no licence is named
    "This tool requires Python v3.8 or newer.",
    "Licensed under the EUPL v9.9.",
    # a program's or a standard's version, where an id of that name and number exists:
    # with no licensing words, a version of the program
    "Requires Python v2.0 or later and PHP v3.0.",
    "Python v2.0\n",
    "PHP v3.0\n",
    # a changelog's versions name no licence
    "CHANGELOG\n\nv1.2 - fixed the EPL parser\nv1.1 - first release\n",
    "Version 1.2 adds support for reading EPL headers.",
    # a licence the words rule out
    "This module is not under the EPL v2.0.",
    # deprecated ids are no answer
    "Licensed under the eCos v2.0.",
])
def test_a_version_that_names_no_licence_is_not_one(text):
    assert identify(text).expression is None


def test_a_version_no_id_has_is_no_licence_of_that_version():
    # "MIT" is a licence; "MIT v2" is no other one
    assert identify("Licensed under the MIT v2.\n").expression == "MIT"


def test_gnu_licences_are_left_to_their_rules_and_notices():
    notice = ("This program is free software; you can redistribute it and/or modify it under the terms of "
              "the GNU General Public License as published by the Free Software Foundation; version 2 of "
              "the License.\n")
    assert identify(notice).expression == "GPL-2.0-only"
    assert identify("Licensed under the LGPL version 2.1.\n").expression == "LGPL-2.1-only"
    table, _, _ = versioned_names.names()
    assert not any(symbol.startswith(("GPL", "LGPL", "AGPL", "GFDL"))
                   for versions in table.values() for symbol, _, _ in versions.values())


def test_a_rule_that_reads_more_than_the_name_keeps_its_answer():
    result = identify("Licensed under the Apache License v2.0 with LLVM exception.\n")
    assert "LLVM-exception" in result.expression
    assert all(m.matcher != versioned_names.MATCHER for m in result.licenses)


def test_the_version_the_text_gives_replaces_the_one_the_data_reads_a_bare_name_as():
    # the reference data reads "Mozilla Public License" alone as version 1.0
    assert identify("Released under the Mozilla Public License ver. 1.1\n").expression == "MPL-1.1"


def test_a_name_the_data_reads_as_another_licence_keeps_the_datas_reading():
    # "Python Software Foundation License" is the reference data's Python licence; SPDX
    # names PSF-2.0 so too, but one licence text read two ways would be two licences
    title = "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2\n-------------\n\n"
    result = identify(title + "1. This LICENSE AGREEMENT is between the Python Software Foundation.\n")
    assert "PSF-2.0" not in (result.expression or "")


def test_a_notice_around_the_name_keeps_its_answer():
    notice = ("This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy "
              "of the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.\n")
    result = identify(notice)
    assert result.expression == "MPL-2.0"
    assert all(m.matcher != versioned_names.MATCHER for m in result.licenses)


def test_a_list_of_versioned_names_is_a_catalogue_not_the_texts_licence():
    names = ["EUPL v1.2", "MPL v2.0", "EPL v2.0", "CDDL v1.0", "OSL v3.0", "AFL v3.0", "CPL v1.0", "LPPL v1.2",
             "ZPL v2.1", "QPL v1.0", "RPL v1.5"]
    text = "Supported licenses:\n" + "".join(f"License: {name}\n" for name in names)
    assert identify(text).expression is None
