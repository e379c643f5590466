"""Specification of the ``licenselens`` command line (click group ``licenselens.cli:cli``).

Exit codes: 0 every input read; 1 some input could not be read (the others are
still reported); 2 usage errors.  Problems are one-line messages on stderr,
never tracebacks.

click >= 8.2 keeps stderr apart in CliRunner results (``result.stdout`` is
stdout only, ``result.stderr`` stderr only; ``mix_stderr`` no longer exists).
"""

from __future__ import annotations

import errno
import json
import os
import random

import pytest
from click.testing import CliRunner

import licenselens
from licenselens import ingest
from licenselens.cli import cli

LICENSE_KEYS = {"id", "name", "osi_approved", "fsf_libre", "score", "start", "end"}
RESULT_KEYS = {"path", "expression", "licenses", "osi_approved", "unknown", "errors"}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def mit_file(tmp_path, licence_text):
    path = tmp_path / "LICENSE"
    path.write_text(licence_text("mit"), encoding="utf-8")
    return path


def run(runner, *args, **kwargs):
    return runner.invoke(cli, list(args), **kwargs)


def assert_clean_failure(result, exit_code=1):
    """Non-zero exit through SystemExit, a message on stderr, no traceback anywhere."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


# --------------------------------------------------------------------------- output


def test_text_output_names_the_licence_with_its_flags_and_span(runner, mit_file):
    result = run(runner, "identify", str(mit_file))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    first_line = result.stdout.splitlines()[0]
    assert first_line == f"{mit_file}: MIT"
    assert "OSI-approved" in result.stdout
    assert "MIT License" in result.stdout
    assert "score 100.0" in result.stdout


def test_json_output_follows_the_documented_contract(runner, mit_file, licence_text):
    result = run(runner, "identify", "--format", "json", str(mit_file))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["licenselens"] == licenselens.__version__
    (entry,) = document["results"]
    assert RESULT_KEYS <= set(entry)
    assert entry["path"] == str(mit_file)
    assert entry["expression"] == "MIT"
    assert entry["osi_approved"] is True
    assert entry["unknown"] == [] and entry["errors"] == []
    (match,) = entry["licenses"]
    assert LICENSE_KEYS <= set(match)
    assert match["id"] == "MIT" and match["osi_approved"] is True and match["fsf_libre"] is True
    assert match["score"] == 100.0
    text = licence_text("mit")
    assert 0 <= match["start"] < match["end"] <= len(text)
    assert text[match["start"] :].startswith("Permission")


def test_json_reports_every_file_in_order(runner, tmp_path, mit_file):
    notice = tmp_path / "NOTICE"
    notice.write_text("Licensed under the Apache License, Version 2.0\n", encoding="utf-8")
    result = run(runner, "identify", "--format=json", str(mit_file), str(notice))
    assert result.exit_code == 0
    results = json.loads(result.stdout)["results"]
    assert [(r["path"], r["expression"]) for r in results] == [(str(mit_file), "MIT"), (str(notice), "Apache-2.0")]


def test_json_reports_unknown_licence_text_with_closest_candidates(runner, tmp_path):
    odd = tmp_path / "TERMS"
    odd.write_text(
        "Every person who receives a copy of these files is granted permission to use, copy and "
        "share them, provided that each redistribution happens only on days with a full moon and "
        "that the licensee plants one tree for every thousand copies made. Modification is "
        "permitted solely to translate the comments into verse. The copyright holder grants no "
        "other rights, and the licensor cannot be blamed for storms or shipwrecks.\n",
        encoding="utf-8",
    )
    result = run(runner, "identify", "--format", "json", str(odd))
    assert result.exit_code == 0
    (entry,) = json.loads(result.stdout)["results"]
    assert entry["unknown"]
    for span in entry["unknown"]:
        assert {"start", "end", "closest"} <= set(span)
        assert all(0 < c["similarity"] <= 1 for c in span["closest"])


def test_stdin_is_read_when_the_file_is_a_dash(runner, licence_text):
    result = run(runner, "identify", "--format", "json", "-", input=licence_text("apache-2.0").encode("utf-8"))
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["results"]
    assert entry["path"] == "-"
    assert entry["expression"] == "Apache-2.0"


def test_stdin_text_output(runner):
    result = run(runner, "identify", "-", input=b"# SPDX-License-Identifier: GPL-2.0-or-later OR MIT\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "-: GPL-2.0-or-later OR MIT"


def test_file_without_licence_is_not_an_error(runner, tmp_path):
    readme = tmp_path / "README"
    readme.write_text("Run make, then make install, to build and install the program.\n", encoding="utf-8")
    result = run(runner, "identify", str(readme))
    assert result.exit_code == 0
    assert "no licence found" in result.stdout
    assert result.stderr == ""


# --------------------------------------------------------------------------- bad input


def test_empty_file_is_a_clear_error(runner, tmp_path):
    empty = tmp_path / "EMPTY"
    empty.write_bytes(b"")
    result = run(runner, "identify", str(empty))
    assert_clean_failure(result)
    assert str(empty) in result.stderr and "empty" in result.stderr


def test_whitespace_only_file_is_a_clear_error(runner, tmp_path):
    blank = tmp_path / "BLANK"
    blank.write_text(" \n\t\n", encoding="utf-8")
    result = run(runner, "identify", str(blank))
    assert_clean_failure(result)
    assert "empty" in result.stderr


def test_binary_file_is_a_clear_error(runner, tmp_path):
    binary = tmp_path / "a.out"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64 + b"\x01\x02\x03\x00" * 200)
    result = run(runner, "identify", str(binary))
    assert_clean_failure(result)
    assert "binary" in result.stderr and str(binary) in result.stderr


def test_random_bytes_are_a_clear_error(runner, tmp_path):
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(random.Random(1234).randbytes(4096))
    result = run(runner, "identify", str(garbage))
    assert_clean_failure(result)
    assert str(garbage) in result.stderr


def test_invalid_utf8_garbage_without_nul_bytes_is_a_clear_error(runner, tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(random.Random(99).randrange(0x80, 0x100) for _ in range(4096)))
    result = run(runner, "identify", str(garbage))
    assert_clean_failure(result)


def test_a_directory_is_a_clear_error(runner, tmp_path):
    result = run(runner, "identify", str(tmp_path))
    assert_clean_failure(result)
    assert "directory" in result.stderr


def test_a_missing_file_is_a_clear_error(runner, tmp_path):
    missing = tmp_path / "does-not-exist"
    result = run(runner, "identify", str(missing))
    assert_clean_failure(result)
    assert "no such file" in result.stderr and str(missing) in result.stderr


def test_an_unreadable_file_is_a_clear_error(runner, mit_file, monkeypatch):
    def denied(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(ingest, "open", denied, raising=False)  # shadows builtins.open in ingest
    result = run(runner, "identify", str(mit_file))
    assert_clean_failure(result)
    assert "permission denied" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_a_clear_error(runner, mit_file):
    mit_file.chmod(0)
    try:
        result = run(runner, "identify", str(mit_file))
    finally:
        mit_file.chmod(0o644)
    assert_clean_failure(result)
    assert "permission denied" in result.stderr


def test_empty_stdin_is_a_clear_error(runner):
    result = run(runner, "identify", "-", input=b"")
    assert_clean_failure(result)
    assert "<stdin>" in result.stderr


def test_one_bad_input_does_not_hide_the_good_ones(runner, mit_file, tmp_path):
    missing = tmp_path / "missing"
    result = run(runner, "identify", "--format", "json", str(mit_file), str(missing))
    assert_clean_failure(result)
    good, bad = json.loads(result.stdout)["results"]
    assert good["expression"] == "MIT" and good["errors"] == []
    assert bad["expression"] is None and bad["licenses"] == [] and bad["errors"]
    assert str(missing) in result.stderr and str(mit_file) not in result.stderr


def test_errors_are_part_of_the_json_result(runner, tmp_path):
    empty = tmp_path / "EMPTY"
    empty.write_bytes(b"")
    result = run(runner, "identify", "--format", "json", str(empty))
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["results"]  # stdout stays valid JSON
    assert entry["errors"] and "empty" in entry["errors"][0]


# --------------------------------------------------------------------------- usage


def test_help_explains_the_commands(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    assert "identify" in result.stdout
    assert "licenselens identify" in result.stdout  # examples


def test_identify_help_explains_input_formats_and_exit_status(runner):
    result = run(runner, "identify", "--help")
    assert result.exit_code == 0
    for words in ("FILES", "standard input", "--format", "json", "SPDX", "Exit status"):
        assert words in result.stdout, words


def test_version_option(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"licenselens {licenselens.__version__}"


def test_unknown_option_is_a_usage_error(runner, mit_file):
    result = run(runner, "identify", "--no-such-option", str(mit_file))
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(runner, mit_file):
    result = run(runner, "identify", "--format", "yaml", str(mit_file))
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_missing_file_argument_is_a_usage_error(runner):
    result = run(runner, "identify")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_unknown_command_is_a_usage_error(runner):
    result = run(runner, "frobnicate")
    assert result.exit_code == 2
