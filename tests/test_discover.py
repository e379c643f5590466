"""Specification of licenselens.discover: which files of a tree bear a licence, and what each covers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from licenselens import discover as discover_module
from licenselens.discover import Discovery, FileError, discover, name_kind
from licenselens.errors import InputError

MODEL_CARD = "---\nlibrary_name: transformers\nlicense: llama3.1\n---\n# A model\n"
DATASET_CARD = "---\ntask_categories: [text-classification]\nlicense: cc-by-4.0\n---\n# A dataset\n"


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for relpath, content in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def kinds(found: Discovery) -> dict[str, str]:
    return {f.relpath: f.kind for f in found.found}


def components(found: Discovery) -> dict[str, tuple[str, ...]]:
    return {f.relpath: f.components for f in found.found}


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("name", [
    "LICENSE", "LICENSE.txt", "LICENSE.md", "license.rst", "LICENSE.html", "LICENCE", "LICENSE-MIT",
    "LICENSE.APACHE2", "COPYING", "COPYING.LIB", "COPYRIGHT", "UNLICENSE", "APACHE_LICENSE.txt", "LICENSE_1_0.txt",
])
def test_licence_file_names(name):
    assert name_kind(name) == ("licence", None)


@pytest.mark.parametrize(("name", "component"), [
    ("LICENSE-MODEL", "model"), ("MODEL_LICENSE", "model"), ("LICENSE_MODEL.md", "model"),
    ("WEIGHTS_LICENSE.txt", "model"), ("LICENSE-DATA", "data"), ("DATA_LICENSE.md", "data"),
    ("DATASET_LICENSE", "data"), ("LICENSE-CODE", "code"), ("LICENSE-DOCS", "docs"),
])
def test_licence_names_that_name_a_component(name, component):
    assert name_kind(name) == ("licence", component)


@pytest.mark.parametrize("name", ["NOTICE", "NOTICE.txt", "notice.md", "THIRD_PARTY_NOTICES.txt", "ThirdPartyNotices.txt"])
def test_notice_names(name):
    assert name_kind(name) == ("notice", None)


@pytest.mark.parametrize("name", ["USE_POLICY.md", "use-policy.txt", "ACCEPTABLE_USE_POLICY.md",
                                  "Llama_Acceptable_Use.txt", "AUP.md", "model-aup.txt"])
def test_use_policy_names(name):
    assert name_kind(name)[0] == "use-policy"


@pytest.mark.parametrize("name", ["license.py", "licenses.go", "License.java", "LICENSE.json", "license.yaml",
                                  "LICENSE.png", "copyright.js", "README.md", "setup.py", "caup.txt", "main.c",
                                  "licensing.md"])
def test_code_data_and_unrelated_names_are_not_licence_files(name):
    assert name_kind(name) is None


def test_a_licence_in_a_word_document_names_no_component():
    assert name_kind("LICENSE.doc") == ("licence", None)


def test_reuse_sidecar_files_are_read_for_their_header_not_taken_as_licences(tmp_path):
    assert name_kind("logo.png.license") is None
    tree(tmp_path, {"logo.png.license": "SPDX-FileCopyrightText: 2024 Someone\nSPDX-License-Identifier: CC-BY-4.0\n"})
    found = discover(tmp_path).found
    assert [(f.kind, [d.expression for d in f.declared]) for f in found] == [("source-header", ["CC-BY-4.0"])]


def test_text_files_in_a_reuse_licenses_folder_are_licences(tmp_path):
    tree(tmp_path, {"LICENSES/MIT.txt": "x", "LICENSES/Apache-2.0.txt": "x", "LICENSES/helper.py": "x = 1\n"})
    assert kinds(discover(tmp_path)) == {"LICENSES/Apache-2.0.txt": "licence", "LICENSES/MIT.txt": "licence"}


# --------------------------------------------------------------------------- what is found


def test_licence_notice_and_policy_files_are_found_without_being_read(tmp_path):
    tree(tmp_path, {"LICENSE": b"\x00\x01binary\x00", "NOTICE": "x", "USE_POLICY.md": "x", "src/COPYING": "x"})
    assert kinds(discover(tmp_path)) == {
        "LICENSE": "licence", "NOTICE": "notice", "USE_POLICY.md": "use-policy", "src/COPYING": "licence"}


def test_results_are_sorted_by_relpath_and_paths_are_root_joined(tmp_path):
    tree(tmp_path, {"b/LICENSE": "x", "a/LICENSE": "x", "LICENSE": "x", "a/z/NOTICE": "x"})
    found = discover(tmp_path).found
    assert [f.relpath for f in found] == ["LICENSE", "a/LICENSE", "a/z/NOTICE", "b/LICENSE"]
    assert all(f.path == os.path.join(str(tmp_path), *f.relpath.split("/")) for f in found)


def test_relpaths_are_relative_to_a_relative_root(tmp_path, monkeypatch):
    tree(tmp_path, {"LICENSE": "x"})
    monkeypatch.chdir(tmp_path)
    found = discover(".").found
    assert [(f.relpath, f.path) for f in found] == [("LICENSE", os.path.join(".", "LICENSE"))]


def test_a_readme_with_licence_front_matter_is_a_model_card_with_its_declarations(tmp_path):
    tree(tmp_path, {"README.md": MODEL_CARD})
    (found,) = discover(tmp_path).found
    assert (found.kind, found.components) == ("model-card", ("model",))
    assert [(d.value, d.expression, d.line) for d in found.declared] == [
        ("llama3.1", "LicenseRef-licenselens-llama3.1", 3)]


def test_a_dataset_card_covers_the_data(tmp_path):
    tree(tmp_path, {"README.md": DATASET_CARD})
    (found,) = discover(tmp_path).found
    assert (found.kind, found.components) == ("dataset-card", ("data",))


def test_a_readme_whose_front_matter_has_no_licence_is_not_licence_bearing(tmp_path):
    tree(tmp_path, {"README.md": "---\nlibrary_name: timm\n---\n# x\n", "docs/README.md": "# no front matter\n"})
    assert discover(tmp_path).found == []


def test_broken_front_matter_naming_a_licence_is_found_with_the_error(tmp_path):
    tree(tmp_path, {"README.md": "---\nlicense: [mit\n---\n# x\n"})
    (found,) = discover(tmp_path).found
    assert found.declared == () and len(found.errors) == 1
    assert found.errors[0].startswith("broken YAML front matter")


def test_a_card_of_no_telling_kind_in_a_code_repository_covers_the_code(tmp_path):
    tree(tmp_path, {"README.md": "---\nlicense: mit\nsdk: gradio\n---\n", "app.py": "print(1)\n"})
    (found,) = discover(tmp_path).found
    assert found.components == ("code",)


def test_a_card_of_no_telling_kind_beside_weights_is_a_model_card(tmp_path):
    tree(tmp_path, {"README.md": "---\nlicense: mit\n---\n", "model.safetensors": b"\x00"})
    (found,) = discover(tmp_path).found
    assert (found.kind, found.components) == ("model-card", ("model",))


def test_package_metadata_that_declares_a_licence_is_found(tmp_path):
    tree(tmp_path, {
        "pyproject.toml": '[project]\nname = "x"\nlicense = "MIT"\n',
        "web/package.json": '{"name": "w", "license": "ISC"}',
        "crate/Cargo.toml": '[package]\nname = "c"\nlicense = "MIT OR Apache-2.0"\n',
        "old/setup.cfg": "[metadata]\nlicense = BSD-3-Clause\n",
        "quiet/package.json": '{"name": "no-licence"}',
    })
    found = {f.relpath: (f.kind, f.components, [d.expression for d in f.declared]) for f in discover(tmp_path).found}
    assert found == {
        "crate/Cargo.toml": ("package-metadata", ("code",), ["MIT OR Apache-2.0"]),
        "old/setup.cfg": ("package-metadata", ("code",), ["BSD-3-Clause"]),
        "pyproject.toml": ("package-metadata", ("code",), ["MIT"]),
        "web/package.json": ("package-metadata", ("code",), ["ISC"]),
    }


def test_licence_files_named_by_package_metadata_are_found(tmp_path):
    tree(tmp_path, {
        "crate/Cargo.toml": '[package]\nlicense-file = "LEGAL.txt"\n', "crate/LEGAL.txt": "x",
        "pyproject.toml": '[project]\nlicense = {file = "TERMS.md"}\nlicense-files = ["legal/*.txt"]\n',
        "TERMS.md": "x", "legal/one.txt": "x", "legal/two.txt": "x",
        "pkg/package.json": '{"license": "SEE LICENSE IN EULA.rtf"}', "pkg/EULA.rtf": "x",
    })
    assert kinds(discover(tmp_path)) == {
        "TERMS.md": "licence", "crate/Cargo.toml": "package-metadata", "crate/LEGAL.txt": "licence",
        "legal/one.txt": "licence", "legal/two.txt": "licence", "pkg/EULA.rtf": "licence",
        "pkg/package.json": "package-metadata", "pyproject.toml": "package-metadata",
    }


def test_licence_files_named_outside_the_root_are_ignored(tmp_path):
    tree(tmp_path, {"outside.txt": "x", "repo/Cargo.toml": '[package]\nlicense-file = "../outside.txt"\n'})
    assert kinds(discover(tmp_path / "repo")) == {"Cargo.toml": "package-metadata"}


def test_source_files_with_an_spdx_tag_in_their_head_are_source_headers(tmp_path):
    tree(tmp_path, {
        "src/a.py": "# SPDX-License-Identifier: Apache-2.0\nprint(1)\n",
        "src/b.c": "/* spdx-license-identifier: MIT OR GPL-2.0+ */\nint x;\n",
        "src/c.go": "package c\n",
        "Makefile": "# SPDX-License-Identifier: BSD-2-Clause\nall:\n",
        "src/license.py": "# SPDX-License-Identifier: 0BSD\n",
    })
    found = {f.relpath: (f.kind, [(d.value, d.expression, d.line) for d in f.declared])
             for f in discover(tmp_path).found}
    assert found == {
        "Makefile": ("source-header", [("BSD-2-Clause", "BSD-2-Clause", 1)]),
        "src/a.py": ("source-header", [("Apache-2.0", "Apache-2.0", 1)]),
        "src/b.c": ("source-header", [("MIT OR GPL-2.0+", "MIT OR GPL-2.0-or-later", 1)]),
        "src/license.py": ("source-header", [("0BSD", "0BSD", 1)]),
    }


def test_a_tag_after_the_header_limit_is_not_read(tmp_path):
    tree(tmp_path, {"late.py": "#\n" * 100 + "# SPDX-License-Identifier: MIT\n"})
    assert discover(tmp_path, max_header_bytes=100).found == []
    assert kinds(discover(tmp_path, max_header_bytes=8192)) == {"late.py": "source-header"}


def test_a_mention_of_the_tag_without_its_colon_or_value_is_no_header(tmp_path):
    tree(tmp_path, {"doc.py": '"""Reads SPDX-License-Identifier tags."""\n', "empty.py": "# SPDX-License-Identifier:\n"})
    assert discover(tmp_path).found == []


def test_binary_files_are_silently_not_source_headers(tmp_path):
    tree(tmp_path, {"blob.c": b"\x00\x01SPDX-License-Identifier: MIT\x00"})
    result = discover(tmp_path)
    assert (result.found, result.errors, result.files_seen) == ([], [], 1)


# --------------------------------------------------------------------------- components


def test_root_licence_covers_the_model_and_data_when_nothing_names_them(tmp_path):
    tree(tmp_path, {"LICENSE": "x", "NOTICE": "x", "model.safetensors": b"\0", "data/train.parquet": b"\0",
                    "train.py": "x"})
    result = discover(tmp_path)
    assert result.repo_kinds == {"code", "model", "data"}
    assert components(result) == {"LICENSE": ("code", "model", "data"), "NOTICE": ("code",)}


def test_root_licence_does_not_cover_what_a_licence_file_names(tmp_path):
    tree(tmp_path, {"LICENSE": "x", "LICENSE-MODEL": "x", "weights/model.gguf": b"\0", "data/LICENSE": "x",
                    "data/x.csv": "a,b\n"})
    assert components(discover(tmp_path)) == {
        "LICENSE": ("code",), "LICENSE-MODEL": ("model",), "data/LICENSE": ("data",)}


def test_root_licence_beside_a_model_card_still_covers_the_model(tmp_path):
    tree(tmp_path, {"LICENSE": "x", "README.md": MODEL_CARD, "model.safetensors": b"\0"})
    assert components(discover(tmp_path)) == {"LICENSE": ("code", "model"), "README.md": ("model",)}


def test_root_licence_of_a_repository_without_model_or_data_covers_the_code(tmp_path):
    tree(tmp_path, {"LICENSE": "x"})
    result = discover(tmp_path)
    assert (components(result), result.repo_kinds) == ({"LICENSE": ("code",)}, set())


def test_nested_licences_follow_their_folder(tmp_path):
    tree(tmp_path, {"docs/LICENSE": "x", "doc/api/COPYING": "x", "data/raw/LICENSE": "x", "src/LICENSE": "x",
                    "datasets/NOTICE": "x", "model.pt": b"\0"})
    assert components(discover(tmp_path)) == {
        "data/raw/LICENSE": ("data",), "datasets/NOTICE": ("data",), "doc/api/COPYING": ("docs",),
        "docs/LICENSE": ("docs",), "src/LICENSE": ("code",)}


def test_use_policy_covers_the_model_when_there_is_one_else_the_code(tmp_path):
    tree(tmp_path, {"with/USE_POLICY.md": "x", "with/model.safetensors": b"\0", "without/USE_POLICY.md": "x"})
    assert components(discover(tmp_path / "with")) == {"USE_POLICY.md": ("model",)}
    assert components(discover(tmp_path / "without")) == {"USE_POLICY.md": ("code",)}


def test_package_metadata_and_source_headers_cover_code_even_under_docs(tmp_path):
    tree(tmp_path, {"docs/conf.py": "# SPDX-License-Identifier: MIT\n", "docs/package.json": '{"license": "MIT"}'})
    assert components(discover(tmp_path)) == {"docs/conf.py": ("code",), "docs/package.json": ("code",)}


@pytest.mark.parametrize(("files", "expected"), [
    ({"pytorch_model-00001-of-00002.bin": b"\0"}, {"model"}),
    ({"tf_model.h5": b"\0"}, {"model"}),
    ({"firmware.bin": b"\0"}, set()),
    ({"README.md": MODEL_CARD}, {"model"}),
    ({"README.md": DATASET_CARD}, {"data"}),
    ({"train-00000-of-00001.parquet": b"\0"}, {"data"}),
    ({"fixtures/table.csv": "a\n"}, set()),
    ({"data/table.csv": "a\n"}, {"data"}),
    ({"lib.rs": "fn main() {}\n"}, {"code"}),
    ({"package.json": "{}"}, {"code"}),
])
def test_what_the_repository_holds(tmp_path, files, expected):
    tree(tmp_path, files)
    assert discover(tmp_path).repo_kinds == expected


# --------------------------------------------------------------------------- folders skipped


def test_version_control_folders_are_never_entered(tmp_path):
    tree(tmp_path, {".git/LICENSE": "x", ".hg/COPYING": "x", ".svn/NOTICE": "x"})
    assert discover(tmp_path, include_vendored=True).found == []


def test_vendored_and_build_folders_are_skipped_by_default(tmp_path):
    tree(tmp_path, {"node_modules/left-pad/LICENSE": "x", "vendor/x/COPYING": "x", "third_party/y/LICENSE": "x",
                    "build/LICENSE": "x", "dist/NOTICE": "x", "target/LICENSE": "x", "x.egg-info/LICENSE": "x",
                    "src/__pycache__/LICENSE": "x", "LICENSE": "x"})
    result = discover(tmp_path)
    assert [f.relpath for f in result.found] == ["LICENSE"] and result.files_seen == 1


def test_vendored_folders_are_included_on_request_and_marked(tmp_path):
    tree(tmp_path, {"node_modules/left-pad/LICENSE": "x", "node_modules/left-pad/docs/LICENSE": "x",
                    "LICENSE": "x"})
    found = discover(tmp_path, include_vendored=True).found
    assert [(f.relpath, f.components, f.vendored) for f in found] == [
        ("LICENSE", ("code",), False),
        ("node_modules/left-pad/LICENSE", ("code",), True),
        ("node_modules/left-pad/docs/LICENSE", ("code",), True),
    ]


def test_vendored_files_say_nothing_about_what_the_repository_holds(tmp_path):
    tree(tmp_path, {"LICENSE": "x", "vendor/weights/model.safetensors": b"\0", "vendor/x/README.md": DATASET_CARD})
    result = discover(tmp_path, include_vendored=True)
    assert result.repo_kinds == set() and components(result)["LICENSE"] == ("code",)


def test_a_folder_named_env_is_skipped_only_when_it_is_a_virtual_environment(tmp_path):
    tree(tmp_path, {"env/pyvenv.cfg": "home = /usr\n", "env/lib/LICENSE": "x", "config/env/LICENSE": "x"})
    assert [f.relpath for f in discover(tmp_path).found] == ["config/env/LICENSE"]
    assert [f.relpath for f in discover(tmp_path, include_vendored=True).found if f.vendored] == ["env/lib/LICENSE"]


# --------------------------------------------------------------------------- robustness


def test_a_symlink_loop_is_a_file_error_and_the_walk_goes_on(tmp_path):
    tree(tmp_path, {"LICENSE": "x"})
    os.symlink("loop-b", tmp_path / "loop-a")
    os.symlink("loop-a", tmp_path / "loop-b")
    result = discover(tmp_path)
    assert [f.relpath for f in result.found] == ["LICENSE"]
    assert result.errors == [FileError("loop-a", "symbolic link loop"), FileError("loop-b", "symbolic link loop")]


def test_a_dangling_symlink_is_a_file_error(tmp_path):
    os.symlink("nowhere", tmp_path / "LICENSE")
    assert discover(tmp_path).errors == [FileError("LICENSE", "dangling symbolic link")]


def test_symlinks_to_files_are_followed_and_symlinks_to_folders_are_not(tmp_path):
    tree(tmp_path, {"repo/sub/x.py": "x = 1\n", "shared/COPYING": "x"})
    os.symlink("../shared/COPYING", tmp_path / "repo" / "LICENSE")
    os.symlink("..", tmp_path / "repo" / "sub" / "up")  # would loop if followed
    os.symlink("../../shared", tmp_path / "repo" / "sub" / "shared")
    result = discover(tmp_path / "repo")
    assert (kinds(result), result.errors, result.files_seen) == ({"LICENSE": "licence"}, [], 2)


def test_an_unreadable_folder_is_a_file_error(tmp_path, monkeypatch):
    tree(tmp_path, {"LICENSE": "x", "secret/LICENSE": "x"})
    real = os.scandir

    def scandir(path):
        if os.path.basename(os.fspath(path)) == "secret":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    result = discover(tmp_path)
    assert [f.relpath for f in result.found] == ["LICENSE"]
    assert result.errors == [FileError("secret", "unreadable: permission denied")]


def test_an_unreadable_folder_on_disk_is_a_file_error(tmp_path):
    tree(tmp_path, {"LICENSE": "x", "secret/LICENSE": "x"})
    secret = tmp_path / "secret"
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("permissions are not enforced for this user (root)")
        result = discover(tmp_path)
    finally:
        secret.chmod(0o755)
    assert result.errors == [FileError("secret", "unreadable: permission denied")]


def test_an_unreadable_card_is_a_file_error(tmp_path, monkeypatch):
    tree(tmp_path, {"README.md": MODEL_CARD, "LICENSE": "x"})
    real = os.open

    def open_(path, flags, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == "README.md":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(discover_module.os, "open", open_)
    result = discover(tmp_path)
    assert ([f.relpath for f in result.found], result.errors) == (
        ["LICENSE"], [FileError("README.md", "unreadable: permission denied")])


def test_a_file_that_vanishes_between_listing_and_reading_is_a_file_error(tmp_path, monkeypatch):
    tree(tmp_path, {"LICENSE": "x", "src/a.py": "# SPDX-License-Identifier: MIT\n", "src/b.py": "x = 1\n"})
    real = os.scandir

    class Listing:
        """Lists a folder, then deletes src/a.py before anyone reads it."""

        def __init__(self, path):
            with real(path) as listing:
                self.entries = list(listing)
            if os.path.basename(os.fspath(path)) == "src":
                os.remove(os.path.join(path, "a.py"))

        def __enter__(self):
            return iter(self.entries)

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(discover_module.os, "scandir", Listing)
    result = discover(tmp_path)
    assert [f.relpath for f in result.found] == ["LICENSE"]
    assert result.errors == [FileError("src/a.py", "vanished during the scan")]


def test_a_folder_that_vanishes_is_a_file_error(tmp_path, monkeypatch):
    tree(tmp_path, {"LICENSE": "x", "gone/LICENSE": "x"})
    real = os.scandir

    def scandir(path):
        if os.path.basename(os.fspath(path)) == "gone":
            raise FileNotFoundError(2, "No such file or directory", os.fspath(path))
        return real(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    assert discover(tmp_path).errors == [FileError("gone", "vanished during the scan")]


def test_pipes_and_other_special_files_are_passed_over(tmp_path):
    tree(tmp_path, {"LICENSE": "x"})
    os.mkfifo(tmp_path / "COPYING")
    result = discover(tmp_path)
    assert ([f.relpath for f in result.found], result.errors, result.files_seen) == (["LICENSE"], [], 1)


def test_broken_package_metadata_mentioning_a_licence_is_found_with_the_error(tmp_path):
    tree(tmp_path, {"Cargo.toml": '[package\nlicense = "MIT"\n', "other/Cargo.toml": "[package\nname = 1\n"})
    (found,) = discover(tmp_path).found
    assert (found.relpath, found.declared) == ("Cargo.toml", ())
    assert found.errors[0].startswith("invalid TOML in Cargo.toml")


# --------------------------------------------------------------------------- the root


def test_a_missing_root_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        discover(tmp_path / "missing")


def test_a_single_file_root_is_analysed_as_a_licence(tmp_path):
    tree(tmp_path, {"TERMS.txt": "x"})
    result = discover(tmp_path / "TERMS.txt")
    assert [(f.relpath, f.kind, f.components) for f in result.found] == [("TERMS.txt", "licence", ("code",))]
    assert (result.files_seen, result.errors) == (1, [])


def test_a_single_file_root_keeps_its_name_component(tmp_path):
    tree(tmp_path, {"LICENSE-MODEL": "x"})
    assert components(discover(tmp_path / "LICENSE-MODEL")) == {"LICENSE-MODEL": ("model",)}


def test_a_single_card_or_metadata_root_is_read_as_such(tmp_path):
    tree(tmp_path, {"README.md": MODEL_CARD, "package.json": '{"license": "MIT"}'})
    assert kinds(discover(tmp_path / "README.md")) == {"README.md": "model-card"}
    assert kinds(discover(tmp_path / "package.json")) == {"package.json": "package-metadata"}


def test_a_single_metadata_root_is_only_that_file(tmp_path):
    tree(tmp_path, {"Cargo.toml": '[package]\nlicense-file = "LEGAL.txt"\n', "LEGAL.txt": "x"})
    assert kinds(discover(tmp_path / "Cargo.toml")) == {"Cargo.toml": "package-metadata"}


def test_a_single_source_file_root_is_a_source_header(tmp_path):
    tree(tmp_path, {"main.c": "int main(void) { return 0; }\n"})
    assert kinds(discover(tmp_path / "main.c")) == {"main.c": "source-header"}


def test_an_unreadable_single_file_root_is_an_input_error(tmp_path, monkeypatch):
    tree(tmp_path, {"package.json": '{"license": "MIT"}'})

    def open_(path, flags, *args, **kwargs):
        raise PermissionError(13, "Permission denied", os.fspath(path))

    monkeypatch.setattr(discover_module.os, "open", open_)
    with pytest.raises(InputError, match="permission denied"):
        discover(tmp_path / "package.json")
