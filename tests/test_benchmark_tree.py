"""The scan benchmark's generated tree (benchmarks/scan.py): deterministic, and
holding exactly the files it promises, with the licences it says they bear."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from licenselens import reference
from licenselens.discover import VENDORED

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "scan.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("scan_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def key_to_id(licence_index):
    return licence_index.key_to_id


def generate(bench, key_to_id, root: Path, seed: int = 0, files: int = 160, licence_files: int = 60,
             skipped: int = 16) -> dict[str, str]:
    """Writes a tree; returns sha256 per relative path of what is on disk."""
    plan = bench.plan_tree(files, licence_files, seed, key_to_id, skipped)
    bench.write_tree(root, plan, seed, reference.licence_text)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def test_the_same_seed_writes_the_same_tree_byte_for_byte(bench, key_to_id, tmp_path):
    assert generate(bench, key_to_id, tmp_path / "a") == generate(bench, key_to_id, tmp_path / "b")


def test_another_seed_writes_another_tree(bench, key_to_id, tmp_path):
    assert generate(bench, key_to_id, tmp_path / "a", seed=0) != generate(bench, key_to_id, tmp_path / "b", seed=1)


def test_the_tree_holds_the_promised_counts_and_every_kind(bench, key_to_id, tmp_path):
    plan = bench.plan_tree(160, 60, 0, key_to_id, 16)
    on_disk = generate(bench, key_to_id, tmp_path)

    assert sorted(on_disk) == sorted(p.path for p in plan)
    outside = [p for p in plan if not p.skipped_dir]
    assert len(outside) == 160
    assert sum(p.licence_bearing for p in outside) == 60
    assert {p.kind for p in outside if p.licence_bearing} == set(bench.KINDS)
    skipped = [p for p in plan if p.skipped_dir]
    assert len(skipped) == 16
    assert all(p.path.split("/")[0] in bench.SKIPPED_DIRS for p in skipped)
    skipped_by_scan = {part for p in outside for part in p.path.split("/")[:-1]} & VENDORED
    assert not skipped_by_scan
    assert not set(bench.WORDS) & VENDORED  # folder names come from WORDS: true at any size


def test_licence_bearing_files_carry_their_declaration_and_plain_files_none(bench, key_to_id, tmp_path):
    plan = bench.plan_tree(160, 60, 0, key_to_id, 16)
    bench.write_tree(tmp_path, plan, 0, reference.licence_text)
    for planned in plan:
        data = (tmp_path / planned.path).read_bytes()
        if planned.kind == "licence":
            assert reference.licence_text(planned.spec).encode() in data
            assert planned.expected == (key_to_id[planned.spec],)
        elif planned.kind == "source-header":
            assert f"SPDX-License-Identifier: {planned.spec}".encode() in data
        elif planned.kind == "model-card":
            assert data.startswith(f"---\nlicense: {planned.spec}\n".encode())
        elif planned.kind == "notice":
            assert f"distributed under {bench.NOTICE_NAMES[planned.spec]}.".encode() in data
        elif planned.kind == "package-metadata":
            assert planned.spec.encode() in data
        else:
            assert planned.expected == ()
            if planned.kind != "binary":
                assert not any(word in data.lower() for word in (b"licen", b"spdx", b"copyright"))
        if planned.licence_bearing:  # ids the reference data knows, so a tool can report them
            assert planned.expected and set(planned.expected) <= set(key_to_id.values())


def test_too_few_files_for_the_licence_files_is_refused(bench, key_to_id):
    with pytest.raises(ValueError):
        bench.plan_tree(10, 11, 0, key_to_id)
