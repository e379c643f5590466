"""Specification of licenselens.declared: licences that cards and package metadata declare."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licenselens.declared import (
    HUB_IDS,
    LICENSEREF_NAMES,
    NAMES,
    Declared,
    from_card,
    from_package_metadata,
    front_matter,
    map_value,
    mentions_licence,
)
from licenselens.reference import load

_ID = re.compile(r"[^\s()]+")


def ids_of(expression: str) -> list[str]:
    return [w for w in _ID.findall(expression) if w not in ("AND", "OR", "WITH")]


# --------------------------------------------------------------------------- the mapping table


def test_every_id_the_tables_map_to_exists_in_the_installed_reference_or_is_a_documented_licenselens_id():
    ref = load()
    targets = {e for e in [*HUB_IDS.values(), *NAMES.values()] if e}
    missing = [i for e in targets for i in ids_of(e)
               if ref.license(i) is None and i not in LICENSEREF_NAMES]
    assert missing == []


def test_scancode_ids_in_the_tables_name_scancode_keys_that_are_installed():
    ref = load()
    scancode = {i.removeprefix("LicenseRef-scancode-") for e in [*HUB_IDS.values(), *NAMES.values()] if e
                for i in ids_of(e) if i.startswith("LicenseRef-scancode-")}
    assert scancode and scancode <= set(ref.key_to_id)


def test_licenselens_ids_are_only_used_for_licences_the_reference_does_not_know_by_name():
    ref = load()
    names = {info.name.lower() for info in ref.licenses.values()}
    assert [n for n in LICENSEREF_NAMES.values() if n.lower() in names] == []


def test_every_documented_licenselens_id_is_used_by_the_tables():
    used = {i for e in [*HUB_IDS.values(), *NAMES.values()] if e for i in ids_of(e)}
    assert set(LICENSEREF_NAMES) <= used


@pytest.mark.parametrize(("hub_id", "expected"), [
    ("apache-2.0", "Apache-2.0"),
    ("mit", "MIT"),
    ("openrail", "LicenseRef-licenselens-openrail"),
    ("openrail++", "LicenseRef-licenselens-openrail-plusplus-m"),
    ("creativeml-openrail-m", "LicenseRef-scancode-stable-diffusion-2022-08-22"),
    ("bigscience-openrail-m", "LicenseRef-scancode-bigscience-open-rail-m"),
    ("bigscience-bloom-rail-1.0", "LicenseRef-scancode-bigscience-rail-1.0"),
    ("bigcode-openrail-m", "LicenseRef-scancode-bigcode-open-rail-m-v1"),
    ("llama2", "LicenseRef-scancode-llama-2-license-2023"),
    ("llama3", "LicenseRef-licenselens-llama3"),
    ("llama3.1", "LicenseRef-licenselens-llama3.1"),
    ("llama3.2", "LicenseRef-licenselens-llama3.2"),
    ("llama3.3", "LicenseRef-licenselens-llama3.3"),
    ("llama4", "LicenseRef-licenselens-llama4"),
    ("gemma", "LicenseRef-licenselens-gemma"),
    ("cc-by-4.0", "CC-BY-4.0"),
    ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
    ("cc-by-sa-4.0", "CC-BY-SA-4.0"),
    ("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0"),
    ("afl-3.0", "AFL-3.0"),
    ("bsd-3-clause", "BSD-3-Clause"),
    ("gpl-3.0", "GPL-3.0-only"),
    ("agpl-3.0", "AGPL-3.0-only"),
    ("lgpl-3.0", "LGPL-3.0-only"),
    ("gpl", "GPL-1.0-or-later"),
    ("lgpl-lr", "LGPLLR"),
    ("c-uda", "C-UDA-1.0"),
    ("odbl", "ODbL-1.0"),
])
def test_hugging_face_hub_ids_map_to_spdx_or_scancode_ids(hub_id, expected):
    assert map_value(hub_id) == expected


def test_hub_ids_are_read_in_any_case_and_spacing():
    assert map_value("  Llama3.1 ") == map_value("LLAMA3.1") == "LicenseRef-licenselens-llama3.1"


@pytest.mark.parametrize("value", ["other", "unknown", "Other", "", "   ", "NOASSERTION", "cc"])
def test_values_that_name_no_single_licence_map_to_none(value):
    assert map_value(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("Apache-2.0 OR MIT", "Apache-2.0 OR MIT"),
    ("apache-2.0 or mit", "Apache-2.0 OR MIT"),
    ("mit and (bsd-3-clause or isc)", "MIT AND (BSD-3-Clause OR ISC)"),
    ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
    ("GPL-2.0+", "GPL-2.0-or-later"),
    ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
    ("MIT OR openrail", "MIT OR LicenseRef-licenselens-openrail"),
    ("LicenseRef-my-licence", "LicenseRef-my-licence"),
])
def test_spdx_expressions_are_normalised(value, expected):
    assert map_value(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Apache 2.0", "Apache-2.0"),
    ("Apache License, Version 2.0", "Apache-2.0"),
    ("MIT License", "MIT"),
    ("BSD", "LicenseRef-licenselens-bsd-family"),
    ("BSD 3-Clause", "BSD-3-Clause"),
    ("Public Domain", "LicenseRef-scancode-public-domain"),
    ("UNLICENSED", "LicenseRef-scancode-proprietary-license"),
    ("Unlicense", "Unlicense"),
])
def test_common_licence_names_map(value, expected):
    assert map_value(value) == expected


@pytest.mark.parametrize(("classifier", "expected"), [
    ("License :: OSI Approved :: MIT License", "MIT"),
    ("License :: OSI Approved :: Apache Software License", "Apache-2.0"),
    ("License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"),
    ("License :: OSI Approved :: MIT No Attribution License (MIT-0)", "MIT-0"),
    ("License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense"),
    ("License :: OSI Approved :: BSD License", "LicenseRef-licenselens-bsd-family"),
    ("License :: Public Domain", "LicenseRef-scancode-public-domain"),
])
def test_trove_classifiers_map(classifier, expected):
    assert map_value(classifier) == expected


@pytest.mark.parametrize("value", [
    "MIT for the code, CC-BY-NC-4.0 for the weights",
    "MIT, see LICENSE",
    "License :: OSI Approved",
    "tongyi-qianwen",
    "SEE LICENSE IN LICENSE.md",
])
def test_free_text_and_unknown_names_stay_unmapped(value):
    assert map_value(value) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_map_value_never_raises(value):
    result = map_value(value)
    assert result is None or isinstance(result, str)


# --------------------------------------------------------------------------- front matter


def test_front_matter_is_the_yaml_between_the_first_two_dashed_lines():
    data, errors = front_matter("---\nlicense: mit\ntags: [a, b]\n---\n# Title\n---\n")
    assert (data, errors) == ({"license": "mit", "tags": ["a", "b"]}, [])


def test_text_without_front_matter_has_none_and_no_error():
    assert front_matter("# Title\n\nlicense: mit\n") == (None, [])


def test_empty_front_matter_is_an_empty_mapping():
    assert front_matter("---\n---\nbody") == ({}, [])


def test_broken_yaml_front_matter_is_an_error_with_its_line_not_an_exception():
    data, errors = front_matter("---\nlicense: mit\ntags: [a, b\n---\n")
    assert data is None
    assert len(errors) == 1 and errors[0].startswith("broken YAML front matter") and "line" in errors[0]


def test_unclosed_front_matter_is_an_error():
    data, errors = front_matter("---\nlicense: mit\n")
    assert data is None and errors == ["front matter has no closing '---' line"]


def test_front_matter_that_is_not_a_mapping_is_an_error():
    assert front_matter("---\n- a\n- b\n---\n") == (None, ["front matter is not a mapping of keys to values"])


def test_front_matter_never_runs_yaml_tags():
    data, errors = front_matter("---\nlicense: !!python/object/apply:os.system ['true']\n---\n")
    assert data is None and errors and errors[0].startswith("broken YAML front matter")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_front_matter_never_raises(body):
    data, errors = front_matter("---\n" + body + "\n---\n")
    assert data is None or isinstance(data, dict)
    assert all(isinstance(e, str) and "\n" not in e for e in errors)


def test_mentions_licence_sees_a_licence_key_in_broken_yaml():
    assert mentions_licence("---\nlicense: [mit\n---\n")
    assert not mentions_licence("---\ntags: [x\n---\n")
    assert not mentions_licence("license: mit\n")


# --------------------------------------------------------------------------- cards


def test_a_model_card_declares_its_hub_licence_with_line_and_link():
    card = "---\nlibrary_name: transformers\nlicense: llama3.1\nlicense_link: LICENSE\n---\n# Model\n"
    declared, kind, errors = from_card(card)
    assert kind == "model-card" and errors == []
    assert declared == [Declared("llama3.1", "LicenseRef-licenselens-llama3.1", "front matter: license", 3, "LICENSE")]


def test_a_dataset_card_is_told_by_dataset_keys():
    declared, kind, _ = from_card("---\ntask_categories: [text-classification]\nlicense: cc-by-4.0\n---\n")
    assert kind == "dataset-card" and [d.expression for d in declared] == ["CC-BY-4.0"]


def test_a_card_with_neither_model_nor_dataset_keys_has_no_kind():
    assert from_card("---\nlicense: mit\nsdk: gradio\n---\n")[1] is None


def test_license_other_is_declared_by_its_license_name():
    card = "---\nlicense: other\nlicense_name: tongyi-qianwen\nlicense_link: https://example.org/terms\n---\n"
    declared, _, _ = from_card(card)
    assert declared == [Declared("tongyi-qianwen", None, "front matter: license_name", 3, "https://example.org/terms")]


def test_license_other_without_a_name_is_still_a_declaration():
    declared, _, _ = from_card("---\nlicense: other\n---\n")
    assert declared == [Declared("other", None, "front matter: license", 2)]


def test_a_list_of_licences_gives_one_declaration_each_on_its_own_line():
    declared, _, _ = from_card("---\nlicense:\n  - apache-2.0\n  - cc-by-4.0\n---\n")
    assert [(d.value, d.expression, d.line) for d in declared] == [
        ("apache-2.0", "Apache-2.0", 3), ("cc-by-4.0", "CC-BY-4.0", 4)]


def test_a_licence_link_alone_is_a_declaration_without_expression():
    declared, _, _ = from_card("---\nlicense_link: LICENSE.md\n---\n")
    assert declared == [Declared("LICENSE.md", None, "front matter: license_link", 2, "LICENSE.md")]


def test_a_card_without_licence_keys_declares_nothing():
    assert from_card("---\nlibrary_name: timm\ntags: [vision]\n---\n") == ([], "model-card", [])


def test_a_licence_of_the_wrong_shape_is_an_error_not_a_crash():
    declared, _, errors = from_card("---\nlicense: {name: mit}\n---\n")
    assert declared == [] and errors == ["front matter: license holds a dict, not a licence id"]


def test_broken_card_yaml_is_an_error():
    declared, kind, errors = from_card("---\nlicense: [mit\n---\n")
    assert (declared, kind) == ([], None) and errors[0].startswith("broken YAML front matter")


# --------------------------------------------------------------------------- package metadata


def test_pyproject_pep_639_licence_expression():
    text = '[project]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'
    assert from_package_metadata("pyproject.toml", text) == (
        [Declared("MIT OR Apache-2.0", "MIT OR Apache-2.0", "pyproject.toml: project.license", 3)], [])


def test_pyproject_licence_text_table():
    declared, _ = from_package_metadata("pyproject.toml", '[project]\nlicense = {text = "BSD 3-Clause"}\n')
    assert [(d.expression, d.source) for d in declared] == [("BSD-3-Clause", "pyproject.toml: project.license.text")]


def test_pyproject_licence_file_table_and_licence_files_are_pointers():
    text = '[project]\nlicense = {file = "LEGAL.txt"}\nlicense-files = ["LICENSES/*"]\n'
    declared, _ = from_package_metadata("pyproject.toml", text)
    assert declared == [
        Declared("LEGAL.txt", None, "pyproject.toml: project.license.file", 2, "LEGAL.txt"),
        Declared("LICENSES/*", None, "pyproject.toml: project.license-files", 3, "LICENSES/*"),
    ]


def test_pyproject_licence_classifiers_are_declarations():
    text = ('[project]\nname = "x"\nclassifiers = [\n  "Programming Language :: Python",\n'
            '  "License :: OSI Approved :: MIT License",\n]\n')
    declared, _ = from_package_metadata("pyproject.toml", text)
    assert [(d.value, d.expression, d.line) for d in declared] == [
        ("License :: OSI Approved :: MIT License", "MIT", 5)]


def test_poetry_licence():
    declared, _ = from_package_metadata("pyproject.toml", '[tool.poetry]\nname = "x"\nlicense = "Apache-2.0"\n')
    assert [(d.expression, d.source, d.line) for d in declared] == [
        ("Apache-2.0", "pyproject.toml: tool.poetry.license", 3)]


def test_invalid_toml_is_an_error():
    declared, errors = from_package_metadata("pyproject.toml", "[project\nlicense = 'MIT'\n")
    assert declared == [] and len(errors) == 1 and errors[0].startswith("invalid TOML in pyproject.toml")


def test_setup_cfg_licence_files_and_classifiers():
    text = ("[metadata]\nname = x\nlicense = MIT\nlicense_files = LICENSE.txt\n"
            "classifiers =\n    License :: OSI Approved :: MIT License\n")
    declared, errors = from_package_metadata("setup.cfg", text)
    assert errors == []
    assert [(d.value, d.expression, d.source, d.line, d.link) for d in declared] == [
        ("MIT", "MIT", "setup.cfg: metadata.license", 3, None),
        ("LICENSE.txt", None, "setup.cfg: metadata.license_files", 4, "LICENSE.txt"),
        ("License :: OSI Approved :: MIT License", "MIT", "setup.cfg: metadata.classifiers", 6, None),
    ]


def test_setup_py_string_literals():
    text = 'from setuptools import setup\nsetup(\n    name="x",\n    license="Apache-2.0",\n)\n'
    declared, _ = from_package_metadata("setup.py", text)
    assert [(d.expression, d.source, d.line) for d in declared] == [("Apache-2.0", "setup.py: license", 4)]


def test_package_json_licence():
    declared, _ = from_package_metadata("package.json", '{\n  "name": "x",\n  "license": "(MIT OR ISC)"\n}\n')
    assert declared == [Declared("(MIT OR ISC)", "MIT OR ISC", "package.json: license", 3)]


def test_package_json_see_licence_in_file_is_a_pointer():
    declared, _ = from_package_metadata("package.json", '{"license": "SEE LICENSE IN EULA.txt"}')
    assert declared == [Declared("SEE LICENSE IN EULA.txt", None, "package.json: license", 1, "EULA.txt")]


def test_package_json_legacy_licence_object_and_licences_array():
    text = ('{"license": {"type": "MIT", "url": "https://example.org/mit"},\n'
            ' "licenses": [{"type": "Apache-2.0", "url": "https://example.org/a"}, "ISC"]}')
    declared, _ = from_package_metadata("package.json", text)
    assert [(d.expression, d.source, d.link) for d in declared] == [
        ("MIT", "package.json: license", "https://example.org/mit"),
        ("Apache-2.0", "package.json: licenses", "https://example.org/a"),
        ("ISC", "package.json: licenses", None),
    ]


def test_package_json_that_is_not_json_is_an_error():
    declared, errors = from_package_metadata("package.json", '{"license": ')
    assert declared == [] and errors[0].startswith("invalid JSON in package.json")


def test_cargo_licence_and_licence_file():
    text = '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\nlicense-file = "LICENSE.txt"\n'
    declared, _ = from_package_metadata("Cargo.toml", text)
    assert declared == [
        Declared("MIT/Apache-2.0", "MIT OR Apache-2.0", "Cargo.toml: package.license", 3),
        Declared("LICENSE.txt", None, "Cargo.toml: package.license-file", 4, "LICENSE.txt"),
    ]


def test_cargo_workspace_inheritance_declares_nothing_here():
    assert from_package_metadata("Cargo.toml", '[package]\nlicense.workspace = true\n') == ([], [])


def test_cargo_workspace_package_licence():
    declared, _ = from_package_metadata("Cargo.toml", '[workspace.package]\nlicense = "MIT"\n')
    assert [(d.expression, d.source, d.line) for d in declared] == [("MIT", "Cargo.toml: workspace.package.license", 2)]


def test_metadata_without_a_licence_declares_nothing():
    assert from_package_metadata("package.json", '{"name": "x"}') == ([], [])


def test_other_file_names_are_an_error_not_an_exception():
    assert from_package_metadata("Gemfile", "gem 'x'") == ([], ["gemfile: not a package metadata file licenselens reads"])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["pyproject.toml", "setup.cfg", "setup.py", "package.json", "Cargo.toml"]), st.text(max_size=200))
def test_package_metadata_never_raises(name, text):
    declared, errors = from_package_metadata(name, text)
    assert all(isinstance(d, Declared) for d in declared) and all(isinstance(e, str) for e in errors)


def test_without_a_toml_reader_toml_metadata_is_an_error_not_a_crash(monkeypatch):
    from licenselens import declared as module

    monkeypatch.setattr(module, "tomllib", None)
    assert from_package_metadata("Cargo.toml", '[package]\nlicense = "MIT"\n') == (
        [], ["cannot read Cargo.toml: reading TOML needs Python 3.11 or the tomli package"])
