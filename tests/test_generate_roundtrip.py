"""Every generated licence says what was asked for, as licenselens' own analyzer reads it.

For each licence type and each of the 15 non-empty artifact sets (45 licences,
in Markdown and in plain text), and for random restriction choices drawn by
hypothesis, ``licenselens.analyze`` must give back the RAIL name, the artifact
set, exactly the chosen restriction categories (nothing from the
boilerplate), the flow-down, the research-only limit, and the freedom
statuses the type implies (templates/rail/README.md):

    open      use restricted, study granted, modify restricted,  share restricted
    plain     use restricted, study granted, modify not-granted, share not-granted
              (restricted when derivatives / redistribution are enabled)
    research  use restricted, study granted, modify restricted,  share restricted
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import licenselens
from licenselens.catalogue import load_catalogue
from licenselens.generate import RailSpec, generate

ARTIFACT_SETS = ["".join(c) for k in range(1, 5) for c in itertools.combinations("DAMS", k)]
FREEDOMS = ("use", "study", "modify", "share")
#: Conditions each type must state, and the only ones it may state.
# sharing under an open or research licence passes on the restrictions and a
# copy of the licence (attribution, as the labelling guide reads it)
REQUIRED = {
    "open": {"restrictions-flow-down", "attribution"},
    "plain": {"restrictions-flow-down", "no-derivatives", "no-distribution"},
    "research": {"restrictions-flow-down", "non-commercial", "attribution"},
}
EXPECTED_FREEDOMS = {
    "open": ("restricted", "granted", "restricted", "restricted"),
    "plain": ("restricted", "granted", "not-granted", "not-granted"),
    "research": ("restricted", "granted", "restricted", "restricted"),
}
ALL_IDS = tuple(e.id for e in load_catalogue().entries)


#: Names full of words the analyzer reads as artifacts: they must not change the artifact set.
LICENSORS = ["Orchard Labs", "Open Data Collective", "Model Works GmbH", "Source Code Foundation", "App Services Ltd"]
PRODUCTS = ["Kestrel-7", "Data-Model Suite", "Kestrel Weights", "Hosted API Toolkit", "Free Software Corpus"]


def licence(kind: str, artifacts: str, restrictions=ALL_IDS, licensor="Orchard Labs", product="Kestrel-7",
            **options) -> licenselens.GeneratedLicence:
    return generate(RailSpec(type=kind, artifacts=artifacts, restrictions=restrictions, licensor=licensor,
                             product=product, contact="licensing@orchard.example", **options))


def categories_of(ids) -> set[str]:
    catalogue = load_catalogue()
    return {catalogue.by_id[i].category for i in ids}


def assert_reads_back(generated, fmt: str, required: set[str], freedoms: tuple[str, ...]) -> None:
    report = licenselens.analyze(generated.render(fmt))
    where = f"{generated.name} ({fmt})"
    assert report.rail_name == generated.name, where
    assert report.artifacts == list(generated.spec.artifacts), where
    assert {r.category for r in report.restrictions} == categories_of(generated.spec.restrictions), where
    assert {c.id for c in report.conditions} == required, where
    assert tuple(report.freedoms[f].status for f in FREEDOMS) == freedoms, where


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("artifacts", ARTIFACT_SETS)
@pytest.mark.parametrize("kind", ["open", "plain", "research"])
def test_every_type_and_artifact_set_reads_back_as_generated(kind, artifacts, fmt):
    assert_reads_back(licence(kind, artifacts), fmt, REQUIRED[kind], EXPECTED_FREEDOMS[kind])


@pytest.mark.parametrize("artifacts", ["M", "DAMS"])
@pytest.mark.parametrize("derivatives,redistribution", [(True, False), (False, True), (True, True)])
def test_a_plain_licence_grants_exactly_what_the_licensor_enables(artifacts, derivatives, redistribution):
    generated = licence("plain", artifacts, allow_derivatives=derivatives, allow_redistribution=redistribution)
    required = {"restrictions-flow-down"} | ({"no-derivatives"} if not derivatives else set()) \
        | ({"no-distribution"} if not redistribution else {"attribution"})  # copies go with the licence
    freedoms = ("restricted", "granted", "restricted" if derivatives else "not-granted",
                "restricted" if redistribution else "not-granted")
    for fmt in ("markdown", "text"):
        assert_reads_back(generated, fmt, required, freedoms)


def _named_categories(ids) -> int:
    return len(categories_of(ids) - {"other-use-restriction"})


restriction_choices = st.lists(st.sampled_from(ALL_IDS), min_size=3, max_size=len(ALL_IDS), unique=True).filter(
    lambda ids: _named_categories(ids) >= 3)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["open", "plain", "research"]), artifacts=st.sampled_from(ARTIFACT_SETS),
       restrictions=restriction_choices, fmt=st.sampled_from(["markdown", "text"]),
       licensor=st.sampled_from(LICENSORS), product=st.sampled_from(PRODUCTS))
def test_any_choice_of_restrictions_reads_back_as_exactly_its_categories(kind, artifacts, restrictions, fmt,
                                                                          licensor, product):
    generated = licence(kind, artifacts, tuple(restrictions), licensor=licensor, product=product)
    assert_reads_back(generated, fmt, REQUIRED[kind], EXPECTED_FREEDOMS[kind])


@pytest.mark.parametrize("kind", ["open", "plain", "research"])
def test_custom_restrictions_read_back_as_the_categories_generate_classified_them_in(kind):
    generated = licence(kind, "AM", ("unlawful-use", "weapons"), custom_restrictions=(
        "Do not use it to rank job applicants by their ethnicity.",
        "Never use the Model to track the location of journalists.",
        "Be kind."))
    assert {"discrimination", "surveillance"} <= set(generated.manifest["categories"])
    assert len(generated.warnings) == 1
    for fmt in ("markdown", "text"):
        report = licenselens.analyze(generated.render(fmt))
        assert {r.category for r in report.restrictions} == set(generated.manifest["categories"])
        assert report.rail_name == generated.name


def test_the_verification_built_into_generate_finds_nothing_to_report():
    generated = generate(RailSpec(type="research", artifacts="AM", licensor="Tanager Lab", product="Tanager"),
                         verify_text=True)
    assert generated.warnings == ()
