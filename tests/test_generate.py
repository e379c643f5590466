"""Specification of the RAIL licence generator (licenselens.generate) and its catalogue.

The catalogue covers every behavioural category in the project's own words; a
spec is checked and normalised when it is made; the licence comes out as
Markdown and plain text with a manifest that regenerates it byte for byte, a
model-card snippet, and warnings for custom restrictions the analyzer cannot
place; files are written atomically; ``identify`` names a generated licence as
the project's own RAIL family and claims nothing else.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from pathlib import Path

import pytest
import yaml

import licenselens
from licenselens.catalogue import load_catalogue, template_dir, template_version
from licenselens.classify import load_default
from licenselens.errors import LicenselensError
from licenselens.output import OutputExistsError, write_atomic
from licenselens.generate import (
    GeneratedLicence, RailSpec, SpecError, generate, markdown_to_text, rail_name,
)
from licenselens.rail import RAIL_MIN_CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = yaml.safe_load((ROOT / "corpus" / "taxonomy.yaml").read_text(encoding="utf-8"))


def spec(**changes) -> RailSpec:
    values = {"type": "open", "artifacts": "M", "licensor": "Orchard Labs", "product": "Kestrel-7"}
    values.update(changes)
    return RailSpec(**values)


# --------------------------------------------------------------------------- catalogue


def test_the_catalogue_has_at_least_30_restrictions_covering_every_behavioural_category():
    catalogue = load_catalogue()
    assert len(catalogue.entries) >= 30
    assert catalogue.categories == {c["id"] for c in TAXONOMY["categories"]}
    assert len({e.id for e in catalogue.entries}) == len(catalogue.entries)
    assert all(d.id and d.title and d.restrictions for d in catalogue.domains)


def test_the_baseline_is_preselected_and_makes_a_rail_on_its_own():
    catalogue = load_catalogue()
    baseline = {catalogue.by_id[i].category for i in catalogue.baseline}
    assert len(baseline) >= RAIL_MIN_CATEGORIES
    assert spec().restrictions == catalogue.baseline


def test_the_clause_model_reads_every_catalogue_item_alone_as_exactly_its_category():
    # each entry is rendered as an item of the "You agree not to use ..." list
    catalogue = load_catalogue()
    model = load_default()
    predictions = model.classify([e.text for e in catalogue.entries], items=[True] * len(catalogue.entries))
    wrong = {e.id: p.ids for e, p in zip(catalogue.entries, predictions)
             if set(p.ids) & model.categories != {e.category}}
    assert wrong == {}


# --------------------------------------------------------------------------- spec


@pytest.mark.parametrize("kind,artifacts,name", [
    ("open", "DAMS", "OpenRAIL-DAMS"), ("plain", "m", "RAIL-M"), ("research", "MA", "ResearchRAIL-AM"),
    ("openrail", ["source", "data"], "OpenRAIL-DS"), ("research-only", "application, model", "ResearchRAIL-AM"),
])
def test_the_name_follows_the_rail_scheme_in_dams_order(kind, artifacts, name):
    assert spec(type=kind, artifacts=artifacts).name == name
    assert rail_name(kind, spec(artifacts=artifacts).artifacts) == name


@pytest.mark.parametrize("changes,message", [
    ({"artifacts": ""}, "at least one artifact"),
    ({"artifacts": "DX"}, "unknown artifact 'X'"),
    ({"type": "closed"}, "unknown licence type"),
    ({"restrictions": ["unlawful-use", "weapon"]}, "unknown restriction id 'weapon' (did you mean 'weapons'?)"),
    ({"year": "20x5"}, "bad year"),
    ({"year": 1850}, "bad year"),
    ({"year": datetime.date.today().year + 2}, "bad year"),
    ({"licensor": "  "}, "licensor must not be empty"),
    ({"product": "x" * 300}, "longer than"),
    ({"allow_derivatives": True}, "options of plain licences"),
])
def test_a_bad_answer_is_a_spec_error_that_says_what_is_wrong(changes, message):
    with pytest.raises(SpecError) as caught:
        spec(**changes)
    assert message in str(caught.value)
    assert isinstance(caught.value, LicenselensError)


def test_fewer_than_three_restriction_categories_is_no_rail_and_an_error():
    with pytest.raises(SpecError, match="at least 3 behavioural categories"):
        generate(spec(restrictions=["unlawful-use", "criminal-assistance", "weapons"]))


def test_restrictions_are_kept_in_catalogue_order_without_repeats():
    chosen = spec(restrictions=["weapons", "unlawful-use", "weapons", "medical-advice"]).restrictions
    assert chosen == ("unlawful-use", "medical-advice", "weapons")


def test_a_spec_survives_its_dictionary_form_and_rejects_unknown_keys():
    original = spec(type="plain", artifacts="DS", allow_redistribution=True, custom_restrictions=["No spam bots."])
    assert RailSpec.from_dict(json.loads(json.dumps(original.to_dict()))) == original
    with pytest.raises(SpecError, match="unknown specification keys: colour"):
        RailSpec.from_dict({**original.to_dict(), "colour": "red"})


# --------------------------------------------------------------------------- output


def test_the_licence_defines_and_grants_only_the_chosen_artifacts():
    generated = generate(spec(artifacts="DS"))
    assert '"Data" means' in generated.markdown and '"Source Code" means' in generated.markdown
    assert '"Model" means' not in generated.markdown and '"Application" means' not in generated.markdown
    assert generated.markdown.startswith("# OpenRAIL-DS Licence\n")


def test_plain_text_has_no_markdown_and_is_wrapped():
    generated = generate(spec(artifacts="DAMS"))
    assert not re.search(r"^#", generated.text, re.M)
    assert max(len(line) for line in generated.text.splitlines()) <= 78
    assert generated.text.startswith("OpenRAIL-DAMS Licence\n=====================\n")
    assert markdown_to_text("## 2. Grant\n\n1. a b\n") == "2. GRANT\n\n1. a b\n"


def test_the_attachment_lists_the_chosen_restrictions_numbered_then_the_licensors_own():
    catalogue = load_catalogue()
    generated = generate(spec(restrictions=["unlawful-use", "weapons", "medical-advice", "harassment"],
                              custom_restrictions=["Do not use it to rank job applicants"]))
    attachment = generated.markdown.split("## Attachment A: Use Restrictions", 1)[1]
    items = re.findall(r"^(\d+)\. (.*)$", attachment, re.M)
    assert [n for n, _ in items] == ["1", "2", "3", "4", "5"]
    assert items[0][1] == catalogue.by_id["unlawful-use"].text
    assert items[-1][1] == "Do not use it to rank job applicants."
    assert items[-2][1].endswith(".") and items[0][1].endswith(";")


def test_the_manifest_records_spec_template_version_and_text_hashes():
    generated = generate(spec(contact="legal@orchard.example", extra_terms="Governed by the laws of Ruritania."))
    manifest = json.loads(json.dumps(generated.manifest))
    assert manifest["name"] == "OpenRAIL-M" and manifest["id"] == "LicenseRef-licenselens-OpenRAIL-M"
    assert manifest["licenselens"] == licenselens.__version__
    assert manifest["sha256"]["markdown"] == hashlib.sha256(generated.markdown.encode()).hexdigest()
    assert manifest["sha256"]["text"] == hashlib.sha256(generated.text.encode()).hexdigest()
    files = sorted(f for f in template_dir().iterdir() if f.name.endswith(".j2") or f.name == "catalogue.yaml")
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.name):
        data = f.read_bytes()
        digest.update(f"{f.name}\0{len(data)}\0".encode() + data)
    assert manifest["template"]["version"] == template_version() == digest.hexdigest()
    assert "Governed by the laws of Ruritania." in generated.markdown


def test_the_manifest_regenerates_the_same_licence_byte_for_byte():
    generated = generate(spec(type="research", artifacts="AMS", custom_restrictions=["No spam bots."]))
    again = generate(RailSpec.from_dict(generated.manifest["spec"]))
    assert again.manifest["sha256"] == generated.manifest["sha256"]
    assert again.markdown == generated.markdown


def test_the_model_card_snippet_names_the_licence_as_other():
    generated = generate(spec(artifacts="AM"))
    assert yaml.safe_load(generated.model_card) == {
        "license": "other", "license_name": "licenselens-openrail-am", "license_link": "LICENSE"}


def test_a_custom_restriction_in_no_category_is_kept_with_a_warning():
    generated = generate(spec(custom_restrictions=["Be kind to one another", "Do not use it to build weapons"]))
    assert "Be kind to one another." in generated.markdown
    assert len(generated.warnings) == 1 and "Be kind to one another." in generated.warnings[0]
    assert "matches no behavioural category" in generated.warnings[0]
    assert "military-weapons" in generated.manifest["categories"]


def test_generated_licence_is_exported_from_the_package():
    assert licenselens.generate is generate
    assert isinstance(licenselens.generate(licenselens.RailSpec(artifacts="S", licensor="A", product="B")),
                      GeneratedLicence)


# --------------------------------------------------------------------------- atomic writes


def test_writing_refuses_an_existing_file_unless_forced(tmp_path):
    target = tmp_path / "LICENSE"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="already exists"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"


def test_a_failed_write_leaves_neither_a_partial_file_nor_a_temporary_one(tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(LicenselensError, match="No space left"):
        write_atomic(tmp_path / "LICENSE", "text")
    assert list(tmp_path.iterdir()) == []


def test_a_written_licence_is_readable_by_others_not_private_like_a_temporary_file(tmp_path):
    write_atomic(tmp_path / "LICENSE", "text")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "LICENSE").stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------- identification


@pytest.mark.parametrize("kind,artifacts,options", [
    ("open", "DAMS", {}), ("plain", "M", {}), ("plain", "AS", {"allow_derivatives": True}), ("research", "D", {}),
])
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_identify_names_a_generated_licence_as_the_projects_own_family(kind, artifacts, options, fmt):
    generated = generate(spec(type=kind, artifacts=artifacts, contact="x@example.org", **options))
    text = generated.render(fmt)
    result = licenselens.identify(text)
    assert result.expression == f"LicenseRef-licenselens-{generated.name}"
    [match] = result.licenses
    assert match.name.startswith(f"licenselens {generated.name} (")
    assert match.osi_approved is False and match.matcher == "own-rail"
    assert match.score >= 97 and result.unknown == []
    assert text[match.start :].startswith(generated.name) and match.end >= len(text.rstrip()) - 1


def test_a_generated_licence_saved_as_markdown_is_identified_from_the_file(tmp_path):
    path = tmp_path / "LICENSE.md"
    path.write_text(generate(spec()).markdown, encoding="utf-8")
    assert licenselens.identify_file(path).expression == "LicenseRef-licenselens-OpenRAIL-M"


def test_a_generated_licence_with_its_clauses_rewritten_is_not_claimed():
    text = generate(spec()).text
    sections = re.split(r"\n(?=\d\. [A-Z ]+\n)", text)
    assert [s[:8] for s in sections[2:4]] == ["2. GRANT", "3. USE R"]
    edited = "\n".join(s for s in sections if not s.startswith(("2. GRANT", "5. DISCLAIMER", "6. LIMITATION")))
    assert not any(m.matcher == "own-rail" for m in licenselens.identify(edited).licenses)


def test_the_title_alone_or_another_rail_licence_under_it_is_not_claimed(licence_text):
    title = "OpenRAIL-M Licence\n\n"
    for text in (title + "You may use this model however you like.\n",
                 title + licence_text("bigscience-open-rail-m")):
        assert not any(m.id.startswith("LicenseRef-licenselens") for m in licenselens.identify(text).licenses)


def test_the_wrong_letters_in_the_title_are_not_claimed():
    text = generate(spec(artifacts="DAMS")).text.replace("OpenRAIL-DAMS Licence", "OpenRAIL-M Licence")
    assert not any(m.matcher == "own-rail" for m in licenselens.identify(text).licenses)


def test_regenerating_from_an_older_templates_manifest_warns_that_the_wording_may_differ():
    from licenselens.generate import regenerate

    manifest = generate(spec()).manifest
    assert regenerate(manifest).warnings == ()
    older = {**manifest, "template": {"version": "0" * 64, "catalogue": 1}}
    [warning] = regenerate(older).warnings
    assert "written with template 000000000000" in warning
    with pytest.raises(SpecError, match="not a licenselens licence manifest"):
        regenerate({"name": "OpenRAIL-M"})


def test_verification_reports_extra_terms_that_change_what_the_licence_says():
    generated = generate(spec(extra_terms="You must not use the Model in warfare or for any other military purpose."),
                         verify_text=True)
    assert generated.warnings == ("the analyzer reads restrictions the specification did not ask for: "
                                  "military-weapons",)
