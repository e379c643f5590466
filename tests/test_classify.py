"""The clause classifier: numpy inference = scikit-learn, no-pickle round trip,
deterministic training, the user-threshold rules and the shipped model."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from licenselens.classify import (
    MODEL_FILES,
    OTHER_USE,
    RESTRICTION,
    ClauseClassifier,
    FeatureBlock,
    ModelError,
    decide,
    load_default,
)
from licenselens.thresholds import USERS, Threshold
from licenselens.clause_rules import (
    binds_the_licensor,
    can_restrict,
    denies_duty,
    governs_only_marks,
    grants_without_terms,
    guards_own_name,
    is_definition,
    is_question,
    is_title,
    passes_on,
    reports_the_law,
    restricting_section,
    run_in_heading,
    states_responsibility,
    transfers_only_the_licence,
    versions_the_licence,
    warns_of_unfitness,
    withholds,
)
from licenselens.train import TrainConfig, train

TAXONOMY = """\
categories:
  - {id: military-weapons, description: weapons}
  - {id: medical, description: medicine}
conditions:
  - {id: user-threshold, description: users, osd_compatible: false}
  - {id: attribution, description: notices, osd_compatible: true}
"""

# Six tiny documents of our own, so 5-fold cross-validation has a group per fold.
DOCS = {
    "r-a": [
        ("You must not use the model to design weapons.", ["military-weapons"]),
        ("Do not give medical diagnoses with the model.", ["medical"]),
        ("The model is provided as is.", []),
        ("Keep all copyright notices.", ["attribution"]),
    ],
    "r-b": [
        ("No use in warfare or for military targeting.", ["military-weapons"]),
        ("You may not offer treatment advice to patients.", ["medical"]),
        ("This licence is governed by the laws of Utopia.", []),
    ],
    "r-c": [
        ("Weapons development is prohibited.", ["military-weapons"]),
        ("Clinical use without a doctor is not allowed.", ["medical"]),
        ("Above 700 million monthly active users you need a separate licence.", ["user-threshold"]),
    ],
    "c-d": [
        ("Services with more than 100M MAU must ask us for a licence.", ["user-threshold"]),
        ("Retain this notice in every copy.", ["attribution"]),
        ("Definitions follow.", []),
    ],
    "c-e": [
        ("If you exceed one hundred million users, this grant ends.", ["user-threshold"]),
        ("You must include the licence text and attribution.", ["attribution"]),
        ("We are not liable for anything.", []),
    ],
    "n-f": [
        ("Permission is granted to use, copy and modify.", []),
        ("Keep the copyright notice.", ["attribution"]),
        ("There is no warranty.", []),
    ],
}


def _tiny_corpus(root: Path) -> Path:
    (root / "written").mkdir(parents=True)
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    for group, clauses in DOCS.items():
        lines = [f"group: {group}", "kind: rail-licence", "style: test", "clauses:"]
        for text, labels in clauses:
            lines.append(f'  - text: "{text}"')
            lines.append(f"    labels: [{', '.join(labels)}]")
        (root / "written" / f"{group}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("tiny")
    corpus = _tiny_corpus(base / "corpus")
    out = base / "model"
    train(corpus, out, config=TrainConfig(folds=3))
    return corpus, out


TEXTS = [
    "You shall not use the model for weapons or warfare.",
    "Medical diagnosis by the model is not permitted.",
    "Keep the notice.",
    "",
    "Ünïcode   text\twith  odd    spacing and a_b under_score 42",
]


def test_inference_matches_scikit_learn() -> None:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [text for clauses in DOCS.values() for text, _ in clauses]
    y = np.array([[("military-weapons" in labels), bool(labels)] for c in DOCS.values() for _, labels in c])
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True).fit(texts)
    x = hstack([word.transform(texts), char.transform(texts)]).tocsr()
    models = [LogisticRegression(solver="liblinear", C=30, class_weight="balanced", random_state=0).fit(x, y[:, j])
              for j in range(2)]
    nw = len(word.vocabulary_)
    clf = ClauseClassifier(
        heads=["military-weapons", RESTRICTION],
        categories=["military-weapons"],
        blocks=[FeatureBlock("word", (1, 2), 0, nw), FeatureBlock("char_wb", (3, 5), nw, len(char.vocabulary_))],
        vocabulary=list(word.get_feature_names_out()) + list(char.get_feature_names_out()),
        idf=np.concatenate([word.idf_, char.idf_]),
        coef=np.stack([m.coef_[0] for m in models], axis=1),
        intercept=np.array([m.intercept_[0] for m in models]),
        thresholds=[0.5, 0.5],
    )
    x_test = hstack([word.transform(TEXTS), char.transform(TEXTS)]).tocsr()
    assert abs(clf.features(TEXTS) - x_test).max() < 1e-12
    expected = np.stack([m.predict_proba(x_test)[:, 1] for m in models], axis=1)
    np.testing.assert_allclose(clf.probabilities(TEXTS), expected, rtol=0, atol=1e-12)


def test_round_trip_gives_identical_predictions(trained: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = trained
    model = ClauseClassifier.from_disk(out)
    model.to_disk(tmp_path)
    again = ClauseClassifier.from_disk(tmp_path)
    assert np.array_equal(model.probabilities(TEXTS), again.probabilities(TEXTS))
    assert model.predict(TEXTS) == again.predict(TEXTS)
    for name in MODEL_FILES:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_saved_model_is_plain_data(trained: tuple[Path, Path]) -> None:
    _, out = trained
    for name in MODEL_FILES:
        if name.endswith(".npy"):
            array = np.load(out / name, allow_pickle=False)
            assert array.dtype != object
    assert sorted(p.name for p in out.iterdir()) == sorted([*MODEL_FILES, "README.md", "metrics.json"])


def test_tiny_model_learns_something(trained: tuple[Path, Path]) -> None:
    _, out = trained
    model = ClauseClassifier.from_disk(out)
    assert model.labels == ("military-weapons", "medical", "user-threshold", "attribution")
    first = dict(model.predict(["You must not use the model to design weapons."])[0])
    assert "military-weapons" in first


def test_training_is_deterministic(trained: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = trained
    report = train(corpus, tmp_path / "again", config=TrainConfig(folds=3))
    assert report.examples == sum(len(c) for c in DOCS.values())
    for name in sorted(p.name for p in out.iterdir()):
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        ClauseClassifier.from_disk(tmp_path)


def test_restriction_head_adds_the_best_category() -> None:
    heads = ["military-weapons", "medical", "attribution", RESTRICTION]
    thresholds = np.array([0.5, 0.5, 0.5, 0.5])
    probs = np.array([
        [0.3, 0.2, 0.1, 0.9],  # restriction detected, no category passed: best category added
        [0.3, 0.2, 0.7, 0.1],  # no restriction: only the condition
        [0.8, 0.6, 0.1, 0.9],  # categories passed on their own
    ])
    out = decide(probs, heads, thresholds, {"military-weapons", "medical"})
    assert [[label for label, _ in row] for row in out] == [
        ["military-weapons"], ["attribution"], ["military-weapons", "medical"],
    ]


def _shipped() -> ClauseClassifier:
    try:
        return load_default()
    except ModelError as exc:  # pragma: no cover - only before the first `licenselens train`
        pytest.fail(f"the shipped model does not load: {exc}")


def test_shipped_model_loads_once() -> None:
    assert _shipped() is load_default()


def test_shipped_model_flags_a_weapons_clause() -> None:
    [prediction] = _shipped().classify(["You must not use the model to build weapons."])
    assert "military-weapons" in prediction.ids
    assert prediction.restriction > 0.5


def test_shipped_model_leaves_a_warranty_disclaimer_alone() -> None:
    text = textwrap.dedent("""\
        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, AND IN NO EVENT
        SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY.""").replace("\n", " ")
    [prediction] = _shipped().classify([text])
    assert not [label for label in prediction.ids if label in _shipped().categories]


@pytest.mark.parametrize(
    "text, title",
    [
        ("Attribution 4.0 International", True),
        ("(c) Use of Content to Improve Services.", True),
        ("3. Health Care", True),
        ("Changes in law or regulation.", False),
        ("Do not use the Model for Health Care.", False),
        ("You agree not to use the Model:", False),
    ],
)
def test_a_title_is_a_few_capitalised_words(text: str, title: bool) -> None:
    assert is_title(text) is title


def test_a_title_gets_no_label_however_restrictive_its_words_sound() -> None:
    texts = ["4. Military Weapons", "You must not use the model to build military weapons."]
    titled, sentence = _shipped().predict(texts)
    assert titled == [] and "military-weapons" in [label for label, _ in sentence]
    assert _shipped().classify(texts[:1])[0].ids == ()


def test_shipped_model_reads_a_user_threshold() -> None:
    [prediction] = _shipped().classify([
        "If your products had more than 700 million monthly active users last month, "
        "you must request a separate licence from us before using the model."
    ])
    assert "user-threshold" in prediction.ids
    assert prediction.threshold == Threshold(700_000_000, USERS)


def test_the_fallback_category_needs_its_floor() -> None:
    heads = ["military-weapons", "medical", RESTRICTION]
    probs = np.array([[0.04, 0.02, 0.9], [0.3, 0.2, 0.9]])
    out = decide(probs, heads, np.array([0.5, 0.5, 0.5]), {"military-weapons", "medical"}, fallback_min=0.1)
    assert [[label for label, _ in row] for row in out] == [[], ["military-weapons"]]


@pytest.mark.parametrize(
    ("text", "item", "possible"),
    [
        ("Payment is processed by a third-party provider.", None, False),
        ("Payment is processed by a third-party provider.", True, True),  # an item continues its lead-in
        ("(c) to write software that spies on a partner's phone;", None, True),  # a marker makes it an item
        ("3.4 Sitting an online exam for someone else.", None, True),
        ("You may not use the Model to screen job applicants.", None, True),
        ("Use is permitted only in accordance with applicable law.", None, True),
    ],
)
def test_only_an_item_or_a_sentence_with_a_word_of_limit_can_restrict(text: str, item: bool | None,
                                                                      possible: bool) -> None:
    assert can_restrict(text, item) is possible


@pytest.mark.parametrize(
    "text",
    ['"Weapon" means any device designed to injure or kill.',
     '1.4 \u201cSurveillance\u201d includes tracking a person without their knowledge.'],
)
def test_a_definition_gets_no_label(text: str) -> None:
    assert is_definition(text)
    assert load_default().predict([text]) == [[]]


def test_a_grant_of_redistribution_withholds_nothing() -> None:
    labels = {label for label, _ in load_default().predict(["You may redistribute the Data, so long as:"])[0]}
    assert not labels & {"no-distribution", "no-derivatives"}


def test_a_time_limit_is_no_user_threshold() -> None:
    labels = load_default().predict(["No party will bring a legal action more than one year after the cause arose."])
    assert "user-threshold" not in {label for label, _ in labels[0]}


@pytest.mark.parametrize(
    ("section", "restricts"),
    [("5. LIMITATION OF LIABILITY", False), ("6. Indemnification", False), ("8. Dispute Resolution", False),
     ("Disclaimer of Warranty", False), ("Governing Law and Jurisdiction", False),
     ("2. Restrictions", True), ("Attachment A: Use Restrictions", True), ("Miscellaneous", True), (None, True)],
)
def test_clauses_on_liability_or_disputes_restrict_no_use(section: str | None, restricts: bool) -> None:
    assert restricting_section(section) is restricts


def test_a_harm_named_in_a_liability_section_is_no_restriction() -> None:
    text = "You will not use the Model to design weapons of mass destruction."
    in_restrictions, in_liability = load_default().predict([text, text], sections=["2. Restrictions", "9. Liability"])
    assert in_restrictions and not in_liability


@pytest.mark.parametrize(
    ("text", "item", "possible"),
    [("You must bind every recipient of the Model to the restrictions in Attachment A.", False, True),
     ("Any fine-tuned version of the Model is subject to the same use restrictions.", False, True),
     ("the restrictions in Attachment A of this License Agreement, or", True, True),
     ("If You Share the Licensed Material, You must:", True, False),
     ("You must comply with the conditions in Section 3(a) if You Share the database.", False, False),
     ("You may redistribute the Data.", False, False),
     # the licensor's protection is no use restriction
     ("your terms give every recipient a disclaimer of warranty as broad as this one; and", True, False),
     ("Recipients are bound by the same terms, including the disclaimer of warranty.", False, True),
     # handing on credits or a copy of the licence is attribution; forbidding added terms is no flow-down
     ("You must give every recipient of the Model a copy of this Licence;", True, False),
     ("keep every credit line, and require your recipients to do the same;", True, False),
     ("b. No downstream restrictions.", True, False),
     ("c. You must comply with the conditions in Section 3(a) if You Share the database.", True, False),
     ("You may not impose any further restrictions on the recipients of the Work.", False, False)],
)
def test_a_flow_down_names_what_passes_on_and_to_whom(text: str, item: bool, possible: bool) -> None:
    assert passes_on(text, item) is possible


@pytest.mark.parametrize(
    ("text", "only_the_licence"),
    [("These terms do not allow you to sublicense or transfer any of your licenses to anyone else.", True),
     ("You may not assign or sublicense this License without our consent.", True),
     ("You may not rent, lease or redistribute the software, or transfer your licence to another person.", False),
     ("You may not sublicense the Software.", False)],
)
def test_handing_on_the_licence_is_not_distributing_the_work(text: str, only_the_licence: bool) -> None:
    assert transfers_only_the_licence(text) is only_the_licence


@pytest.mark.parametrize(
    ("text", "denies"),
    [("Licensor grants You a non-exclusive, sublicensable license to do the following:", False),
     ("Licensor grants You an exclusive license to sell the Work", True),
     ("You may use the Data for internal purposes only", True)],
)
def test_a_non_exclusive_grant_narrows_no_right(text: str, denies: bool) -> None:
    assert withholds(text) is denies


def test_a_ban_on_changing_the_licence_document_withholds_nothing_of_the_work() -> None:
    fixed, work = load_default().predict([
        "This license may not be modified without the express written permission of its copyright owner.",
        "You may not redistribute the Dataset, in whole or in part, to anyone outside your laboratory.",
    ])
    assert not {"no-distribution", "no-derivatives"} & set(dict(fixed))
    assert "no-distribution" in dict(work)


def test_what_follows_from_not_accepting_the_licence_binds_no_one_who_accepts_it() -> None:
    refusal, ban = load_default().predict([
        "So, if you do not agree with these terms, please do not download, modify, distribute, or use the Software.",
        "You may not distribute the Software, in whole or in part, to anyone outside your laboratory.",
    ])
    assert refusal == []
    assert "no-distribution" in dict(ban)


def _sure_of_everything(monkeypatch: pytest.MonkeyPatch) -> ClauseClassifier:
    """The shipped model made to give every label probability 1, so only the shape rules decide."""
    model = load_default()
    monkeypatch.setattr(model, "probabilities", lambda texts: np.ones((len(texts), len(model.heads))))
    return model


@pytest.mark.parametrize(
    ("text", "section", "network"),
    [("The modified work must itself be a software library.", None, False),
     ("You must make sure that they, too, receive or can get the source code.", None, False),
     ("If people use your modified version over a network, offer them its source.", None, True),
     ("Operators of a hosted service built on the Model must publish its weights.", None, True),
     ("The offer must lead to the exact version you run.", "4. Network use", True)],
)
def test_network_copyleft_needs_a_network(monkeypatch: pytest.MonkeyPatch, text: str, section: str | None,
                                          network: bool) -> None:
    labels = {label for label, _ in _sure_of_everything(monkeypatch).predict([text], sections=[section])[0]}
    assert ("network-copyleft" in labels) is network


@pytest.mark.parametrize(
    ("text", "naming"),
    [("And you must show them these terms so they know their rights.", False),
     ("You must give every recipient a copy of this Licence.", False),
     ("Apps built on the Model must show 'Runs on Wren' on their start screen.", True),
     ("Released fine-tunes must carry the word Wren at the start of their names.", True),
     ("Papers that use the Dataset must cite its description paper.", True)],
)
def test_naming_attribution_needs_something_to_name(monkeypatch: pytest.MonkeyPatch, text: str,
                                                    naming: bool) -> None:
    labels = {label for label, _ in _sure_of_everything(monkeypatch).predict([text])[0]}
    assert ("naming-attribution" in labels) is naming


@pytest.mark.parametrize(
    ("text", "possible"),
    [("Restrictions: By using the Program in a war, you make a kitten sad.", False),
     ("Restrictions: You may not use the Program in a war.", True),
     ("Note: the Program was built in 2019.", False),
     # ... unless the label is the ban itself
     ("Not permitted: writing worms for the Program.", True),
     ("Prohibited: building nerve agents.", True),
     ("Allowed: testing your own systems.", False)],
)
def test_a_label_run_into_a_sentence_is_no_limit_word(text: str, possible: bool) -> None:
    assert can_restrict(text, item=False) is possible


@pytest.mark.parametrize(
    ("text", "possible"),
    [("Using the Model to spot forged invoices is allowed and encouraged.", False),
     ("Nothing in this Licence prevents you from using the Model to study computer viruses.", False),
     ("Clinics may use the Model to plan their staffing rotas.", False),
     ("Clinics may use the Model only to plan their staffing rotas.", True),
     ("You may use the Model, provided no patient is diagnosed by it.", True)],
)
def test_a_sentence_that_only_permits_a_use_restricts_none(text: str, possible: bool) -> None:
    assert can_restrict(text, item=False) is possible


@pytest.mark.parametrize(
    ("text", "possible"),
    [("The Toolkit is not a medical device and does not diagnose any disease.", False),
     ("No attempt was made to identify the people shown in the photographs.", False),
     ("No spam, scams or fake reviews.", True),
     ("Do not use the Toolkit to track your neighbours.", True),
     ("Please keep it kind; never post threats.", True),
     ("You do not use the Work to spread hatred.", True),
     ("tracking a person's location without telling them,", True)],
)
def test_a_negated_fact_is_no_ban(text: str, possible: bool) -> None:
    assert can_restrict(text, item=False) is possible


@pytest.mark.parametrize(
    ("text", "categories"),
    [("The Model must not be used to:", False),
     ("Players must not use the in-game chat to:", False),
     ("3. Watching people. Do not use the Model for:", True),
     ("2. Hurt people or put them in danger, including:", True)],
)
def test_a_lead_in_left_open_for_its_items_carries_no_category(monkeypatch: pytest.MonkeyPatch, text: str,
                                                               categories: bool) -> None:
    model = _sure_of_everything(monkeypatch)
    labels = {label for label, _ in model.predict([text])[0]}
    assert bool(labels & model.categories) is categories


@pytest.mark.parametrize(
    ("text", "title"),
    [("Protecting children", True), ("Other limits", True), ("Voice consent", True),
     ("No spam", False), ("Do not harass people", False), ("- weapons", False),
     ("Children must be protected.", False)],
)
def test_a_short_unpunctuated_heading_in_sentence_case_is_a_title(text: str, title: bool) -> None:
    assert is_title(text) is title


def test_a_bare_item_under_a_lead_in_that_bans_uses_is_a_restriction() -> None:
    model = load_default()
    restriction = model.heads.index(RESTRICTION)
    ban = "The Program shall not be used by anyone to support acts of:"
    listing = "The following people helped write the Program:"
    long_item = "drafting the yearly report of the gardening club and sending it to its members"
    probs = model.probabilities_in_context(["- piracy", "- piracy", long_item], [ban, listing, ban])
    assert probs[0, restriction] == 1.0
    assert probs[1, restriction] < 1.0
    assert probs[2, restriction] == model.probabilities([long_item])[0, restriction]


@pytest.mark.parametrize(("text", "states"), [
    ("Recipient is solely responsible for complying with any export laws that apply to the Program.", True),
    ("You remain responsible for obtaining any permit your use of the drone software needs.", True),
    ("Each user alone is responsible for deciding whether a use is lawful where they are.", True),
    ("It is solely Your responsibility to comply with all applicable laws when You publish the Data.", True),
    ("Each creator is responsible for making sure that a post is lawful in the places it is shown.", True),
    # a ban beside it still bans; "ensuring" a state of affairs is a duty, not a statement
    ("You are responsible for complying with export law and must not ship the Model to embargoed countries.", False),
    ("You are responsible for ensuring that the source code stays available.", False),
    ("You must comply with all laws that apply to your use of the Model.", False),
])
def test_a_statement_of_responsibility_that_bans_nothing_carries_no_category(
        monkeypatch: pytest.MonkeyPatch, text: str, states: bool) -> None:
    assert states_responsibility(text) is states
    model = _sure_of_everything(monkeypatch)
    has_category = bool({label for label, _ in model.predict([text])[0]} & model.categories)
    assert has_category is not states


@pytest.mark.parametrize(("text", "heading", "restricts"), [
    ("15. Liability. Each party's liability is limited to the fees paid.", "Liability", False),
    ("Governing law. This Agreement is governed by the laws of Ruritania.", "Governing law", False),
    ("3. Use Restrictions. You must not use the Model for surveillance.", "Use Restrictions", True),
    # a first sentence is no heading, whatever it speaks of
    ("You may not disclaim liability. You must not use the Model for surveillance.", None, True),
])
def test_a_heading_run_into_a_clause_names_its_section(monkeypatch: pytest.MonkeyPatch, text: str,
                                                       heading: str | None, restricts: bool) -> None:
    assert run_in_heading(text) == heading
    model = _sure_of_everything(monkeypatch)
    has_category = bool({label for label, _ in model.predict([text])[0]} & model.categories)
    assert has_category is restricts


@pytest.mark.parametrize(("text", "asks"), [
    ("Will it phone home?", True),
    ("What may I not do with the Model?", True),
    ('Can I sell what the Model makes?"', True),
    # the answer in the same clause grants or forbids
    ("Can I sell what it makes? No: you may not use it commercially.", False),
    ("You may not ask the Model whether a person is ill?.", False),
])
def test_a_question_gets_no_label(monkeypatch: pytest.MonkeyPatch, text: str, asks: bool) -> None:
    assert is_question(text) is asks
    model = _sure_of_everything(monkeypatch)
    assert (model.predict([text])[0] == []) is asks


def test_a_banned_use_no_category_fits_is_the_catch_all_as_its_weakest_reading() -> None:
    model = load_default()
    ban = "The Program shall not be used by anyone to support acts of:"
    item = "- qqzx vorblat"  # words the model has never seen: no category fits
    alone, = model.probabilities([item])
    in_context, = model.probabilities_in_context([item], [ban])
    other_use = model.heads.index(OTHER_USE)
    categories = [j for j, h in enumerate(model.heads) if h in model.categories]
    assert (alone[categories] < model.thresholds[categories]).all()
    assert in_context[other_use] >= model.fallback_min
    (label, score), = model.predict([item], [True], None, [ban])[0]
    # reported as the catch-all, and marked as the weakest reading: below the label's own threshold
    assert label == OTHER_USE and model.fallback_min <= score < model.thresholds[other_use]
    # not under a lead-in that bans uses: no restriction is made up
    assert model.predict([item], [True], None, ["The following people helped write the Program:"])[0] == []


@pytest.mark.parametrize("item", ["- Wolof", "- Zhōngwén", "- Ngāti Porou", "- qqzx vorblat"])
def test_an_item_of_words_the_model_never_saw_is_no_restriction_under_a_neutral_lead_in(item: str) -> None:
    model = load_default()
    restriction = model.heads.index("_restriction")
    alone, = model.probabilities_in_context([item], [None])
    assert alone[restriction] == 0.0  # the head has no word to read it by
    assert model.predict([item], [True], None, ["Supported languages:"])[0] == []
    # a banning lead-in still makes it a banned use
    banned, = model.probabilities_in_context([item], ["You must not use the Model for:"])
    assert banned[restriction] == 1.0


def test_an_item_with_a_known_word_keeps_the_heads_reading() -> None:
    model = load_default()
    restriction = model.heads.index("_restriction")
    probs, = model.probabilities_in_context(["- doxxing"], [None])
    assert probs[restriction] == pytest.approx(model.probabilities(["- doxxing"])[0][restriction])


def test_a_bare_item_is_read_with_its_lead_in_for_what_it_forbids() -> None:
    model = load_default()
    alone, = model.probabilities(["- the second one"])
    in_context, = model.probabilities_in_context(["- the second one"], ["You must not use the Model to build weapons such as:"])
    assert (in_context >= alone).all() and (in_context > alone).any()
    assert in_context[model.heads.index("military-weapons")] > alone[model.heads.index("military-weapons")]


def test_a_bare_item_does_not_repeat_its_lead_ins_conditions() -> None:
    model = load_default()
    lead_in = "For non-commercial research purposes only, you may not use the Model for:"
    alone, = model.probabilities(["- the second one"])
    in_context, = model.probabilities_in_context(["- the second one"], [lead_in])
    conditions = [j for j, h in enumerate(model.heads) if h not in model.categories and h != RESTRICTION]
    assert (in_context[conditions] == alone[conditions]).all()


def test_the_lead_of_an_inline_list_carries_no_category(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _sure_of_everything(monkeypatch)
    for lead in ("You may not", "You will not use the Model for"):
        assert not {label for label, _ in model.predict([lead])[0]} & model.categories


@pytest.mark.parametrize(("text", "marks_only"), [
    ("Any permitted use of the Atlas name will comply with the Foundation's trademark usage guidelines.", True),
    ("Your use of the Model must comply with the Acceptable Use Policy and our trademark guidelines.", False),
    ("Your use of the Model must comply with the Acceptable Use Policy.", False),
])
def test_a_trademark_policy_is_no_acceptable_use_policy_over_the_work(monkeypatch: pytest.MonkeyPatch, text: str,
                                                                      marks_only: bool) -> None:
    assert governs_only_marks(text) is marks_only
    model = _sure_of_everything(monkeypatch)
    assert ("acceptable-use-policy" in dict(model.predict([text])[0])) is not marks_only


@pytest.mark.parametrize(("text", "lead_in", "geographic"), [
    ("This licence is governed by the law of the country where the Licensor has its seat.", None, False),
    ("If you bought the app in another country, the laws of that country apply.", None, False),
    ("Disputes go before the courts of the town where the Steward keeps its office.", None, False),
    ("- the Steward resides outside every member state of the Union.",
     "This licence is governed by Utopian law if:", False),
    # a trade limit or a ban beside the choice of law is still a limit on where the rights reach
    ("This licence is governed by Utopian law, and the Model may not be exported to embargoed countries.", None,
     True),
    ("Utopian law governs this licence, and you may not run the Model outside Utopia.", None, True),
    ("The weights may be installed only in data centres inside the Union.", None, True),
])
def test_the_seat_of_the_governing_law_or_court_is_no_geographic_limit(
        monkeypatch: pytest.MonkeyPatch, text: str, lead_in: str | None, geographic: bool) -> None:
    model = _sure_of_everything(monkeypatch)
    labels = dict(model.predict([text], [lead_in is not None], None, [lead_in])[0])
    assert ("geographic" in labels) is geographic


def test_an_applicable_law_heading_is_a_section_on_the_governing_law() -> None:
    assert not restricting_section("15. Applicable law")
    # beside a duty to obey the law it heads that duty
    assert restricting_section("8. Compliance with laws; applicable law")


@pytest.mark.parametrize(("text", "reports"), [
    ("Under present export rules this toolkit may be shipped anywhere except to embargoed destinations.", True),
    ("According to the national statutes the Data can be freely copied for teaching.", True),
    ("Under the export rules you must not ship the toolkit to embargoed destinations.", False),
    ("The toolkit may be shipped anywhere except to embargoed destinations.", False),
])
def test_a_sentence_that_reports_what_a_law_provides_states_no_term(
        monkeypatch: pytest.MonkeyPatch, text: str, reports: bool) -> None:
    assert reports_the_law(text) is reports
    assert (_sure_of_everything(monkeypatch).predict([text])[0] == []) is reports


@pytest.mark.parametrize(("text", "risk"), [
    ("And you must tell them what rights they have.", False),
    ("You must tell the people who use your app that the Model can be wrong.", True),
    ("Shipping it without telling the operator that its output has not been verified;", True),
])
def test_risk_disclosure_needs_a_risk_to_disclose(monkeypatch: pytest.MonkeyPatch, text: str, risk: bool) -> None:
    assert ("risk-disclosure" in dict(_sure_of_everything(monkeypatch).predict([text])[0])) is risk


@pytest.mark.parametrize(("text", "lead_in", "machine"), [
    ("And you must tell them what rights they have.", None, False),
    ("Recipients must be told where the full terms can be read.", None, False),
    ("You must tell people when they are talking to a bot rather than a person.", None, True),
    ("Do not pass the Model's essays off as your own writing.", None, True),
    ("Licensee shall not alter genuine recordings so that they appear different, without marking the result.", None,
     True),
    # an item takes its machine from its lead-in
    ("(b) hide from the reader who wrote it;", "You may not use generated text to:", True),
    ("(b) hide from the reader who wrote it;", "You may not use the Materials to:", False),
])
def test_ai_disclosure_needs_a_machine_to_disclose(monkeypatch: pytest.MonkeyPatch, text: str,
                                                   lead_in: str | None, machine: bool) -> None:
    labels = dict(_sure_of_everything(monkeypatch).predict([text], [lead_in is not None], None, [lead_in])[0])
    assert ("ai-disclosure" in labels) is machine


@pytest.mark.parametrize(("text", "versions"), [
    ("The Steward may revise this licence from time to time; a revised licence applies to copies downloaded "
     "after it is published.", True),
    ("We may update this licence for future releases; each release keeps the licence it shipped with.", True),
    # the use rules themselves, or changes that reach copies already held, are in force
    ("The Lab may amend the prohibited uses in Section 4, and amendments apply to copies downloaded after "
     "their publication.", False),
    ("We may change this licence at any time, and the change binds every user.", False),
])
def test_new_versions_of_the_licence_for_later_copies_are_neither_a_use_policy_nor_remote_control(
        monkeypatch: pytest.MonkeyPatch, text: str, versions: bool) -> None:
    assert versions_the_licence(text) is versions
    labels = dict(_sure_of_everything(monkeypatch).predict([text])[0])
    assert ("acceptable-use-policy" in labels or "remote-control" in labels) is not versions


@pytest.mark.parametrize(("text", "warns"), [
    ("You acknowledge that the Toolkit is not designed for use in running power stations.", True),
    ("The Program is not fault-tolerant and is not intended for use in medical devices.", True),
    # not licensed for it, or banned outright: the use is withheld
    ("The Toolkit is not designed, licensed or intended for use in running power stations.", False),
    ("The Toolkit is not designed for power stations and must not be used in them.", False),
])
def test_a_warning_that_the_work_is_not_made_for_a_use_forbids_none(
        monkeypatch: pytest.MonkeyPatch, text: str, warns: bool) -> None:
    assert warns_of_unfitness(text) is warns
    model = _sure_of_everything(monkeypatch)
    assert bool(dict(model.predict([text])[0]).keys() & model.categories) is not warns


@pytest.mark.parametrize(("text", "guards"), [
    ("When you quote the work, you should not suggest that its authors endorse you.", True),
    ("The names of the contributors may not be used to endorse products made with the Library.", True),
    # endorsement put in the mouth of other people is impersonation
    ("Do not make a cloned voice of a public figure seem to endorse a product.", False),
])
def test_a_ban_on_claiming_the_licensors_endorsement_is_no_behavioural_restriction(
        monkeypatch: pytest.MonkeyPatch, text: str, guards: bool) -> None:
    assert guards_own_name(text) is guards
    model = _sure_of_everything(monkeypatch)
    assert bool(dict(model.predict([text])[0]).keys() & model.categories) is not guards


@pytest.mark.parametrize(("text", "own"), [
    ("Rightsholders need to say clearly which parts of a collection they are dedicating.", True),
    ("The Data Provider reserves no right or expectation of privacy in the records it publishes.", True),
    ("The Licensor shall publish the source of every release.", True),
    # a power over the reader, a duty of the reader, or the licensor as object
    ("The Licensor may end your licence if you use the Model for surveillance.", False),
    ("The Licensor covenants to keep the Model online, and you must not resell access to it.", False),
    ("Any Contribution you submit to the Licensor shall be under the terms of this licence.", False),
])
def test_what_the_licensor_says_of_itself_binds_no_reader(monkeypatch: pytest.MonkeyPatch, text: str,
                                                          own: bool) -> None:
    assert binds_the_licensor(text) is own
    assert (_sure_of_everything(monkeypatch).predict([text])[0] == []) is own


def test_the_items_of_a_licensors_covenant_bind_the_licensor(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _sure_of_everything(monkeypatch)
    item = "1. To name a copyleft licence as the Later Licence."
    assert model.predict([item], [True], None, ["The Licensor covenants to every recipient of the Work:"])[0] == []
    assert model.predict([item], [True], None, ["You agree to the following:"])[0] != []
    # a power the licensor keeps over the reader is in force
    assert model.predict([item], [True], None, ["The Licensor shall have the right to:"])[0] != []


@pytest.mark.parametrize(("text", "share_alike"), [
    ("On the fourth anniversary of a release the Licensor grants you rights under the terms of the Later "
     "Licence.", False),
    ("The Licensor grants you the right to hand on copies, provided you keep them under these same terms.", True),
])
def test_a_grant_that_binds_the_reader_to_nothing_is_no_share_alike(
        monkeypatch: pytest.MonkeyPatch, text: str, share_alike: bool) -> None:
    assert grants_without_terms(text) is not share_alike
    assert ("copyleft" in dict(_sure_of_everything(monkeypatch).predict([text])[0])) is share_alike


@pytest.mark.parametrize(("text", "non_commercial"), [
    ("You may run the Model for commercial and non-commercial purposes alike.", False),
    ("The Data may be used for any purpose, including commercial products.", False),
    ("You may run the Model for research, but not for commercial purposes.", True),
    ("You may run the Model for non-commercial purposes only.", True),
])
def test_a_clause_that_allows_commercial_ends_too_is_not_non_commercial(
        monkeypatch: pytest.MonkeyPatch, text: str, non_commercial: bool) -> None:
    assert ("non-commercial" in dict(_sure_of_everything(monkeypatch).predict([text])[0])) is non_commercial


def test_keeping_what_is_handed_on_unaltered_withholds_no_right_to_adapt(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _sure_of_everything(monkeypatch)
    item = "(2) The Recipient may not alter the Program."
    on_sharing = "If the Recipient hands on the Program under Section 6, the Recipient shall meet these conditions:"
    assert "no-derivatives" not in dict(model.predict([item], [True], None, [on_sharing])[0])
    assert "no-derivatives" in dict(model.predict([item], [True], None, ["The Recipient agrees to the following:"])[0])


@pytest.mark.parametrize(("text", "denies"), [
    ("Recipients are not required to pass on a copy of these terms.", True),
    ("You need not publish changes you keep to yourself.", True),
    ("The Steward is under no obligation to answer bug reports.", True),
    # a duty denied beside a duty stated: the stated one holds
    ("Credit is not required for personal use, but publishers must credit the author.", False),
    ("Running it as a service imposes no duty beyond keeping the source notice visible.", False),
])
def test_a_duty_denied_imposes_nothing(monkeypatch: pytest.MonkeyPatch, text: str, denies: bool) -> None:
    assert denies_duty(text) is denies
    assert (_sure_of_everything(monkeypatch).predict([text])[0] == []) is denies


def test_a_responsibility_for_keeping_the_law_states_whose_job_it_is() -> None:
    assert states_responsibility("You are solely responsible for ensuring that you do not ship the Program "
                                 "anywhere in violation of the export laws.")


def test_permission_to_do_anything_restricts_nothing() -> None:
    assert not can_restrict("You may do anything you like with this text; it is a form for anyone to use.", item=False)


def test_a_clause_that_keeps_the_notices_gets_no_fallback_category(monkeypatch: pytest.MonkeyPatch) -> None:
    """The restriction head fires on "not to remove ... the notices", and the
    fallback would name its likeliest category; keeping notices is
    attribution, so no category is reported unless the model believes in one."""
    model = load_default()
    heads = list(model.heads)

    def doubtful(texts):
        row = np.zeros(len(heads))
        row[heads.index(RESTRICTION)] = 1.0
        row[heads.index("ip-infringement")] = model.fallback_min + 0.01  # under its own threshold
        return np.tile(row, (len(texts), 1))

    monkeypatch.setattr(model, "probabilities", doubtful)
    keep = "not to remove or change the intellectual property notices that come with the Software;"
    ban = "not to use the Software against anyone's patents;"
    assert dict(model.predict([keep], [True])[0]).keys() == {"attribution"}
    assert "ip-infringement" in dict(model.predict([ban], [True])[0])


def test_a_grant_whose_carve_out_forbids_a_use_restricts_as_the_carve_out_would():
    model = load_default()
    grant = ("Permission to copy, use and hand on the Toolkit is granted under the terms of the Lesser GPL, "
             "with the exception that any usage related to military applications is expressly forbidden.")
    plain = "Permission to copy, use and hand on the Toolkit is granted under the terms of the Lesser GPL."
    carved, uncarved = model.predict([grant, plain])
    assert "military-weapons" in dict(carved)
    assert uncarved == [] or "military-weapons" not in dict(uncarved)


def test_a_carve_out_that_forbids_nothing_behavioural_adds_no_category():
    model = load_default()
    (labels,) = model.predict(["This agreement is governed by the laws of Ontario, except that the United Nations "
                               "Convention on Contracts for the International Sale of Goods shall not apply."])
    assert not set(dict(labels)) & set(model.categories)


def _threshold_data(seed: int, docs: int = 40, clauses: int = 12) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A label's held-out predictions: ``docs`` documents of ``clauses`` clauses,
    positives scored higher on average but overlapping the negatives, as real
    out-of-fold probabilities do."""
    rng = np.random.default_rng(seed)
    y = (rng.random(docs * clauses) < 0.2).astype(np.int64)
    p = np.clip(np.where(y == 1, rng.normal(0.7, 0.2, y.size), rng.normal(0.2, 0.15, y.size)), 0.001, 0.999)
    groups = np.repeat([f"doc-{i}" for i in range(docs)], clauses)
    return y, p, groups


def test_a_threshold_sits_in_the_middle_of_the_cuts_the_held_out_f1_cannot_tell_apart() -> None:
    from licenselens.train import _best_threshold, _plateau_middle

    # 10 positives.  F1 peaks at the cut 0.4 (9 found, none wrong: 0.947).
    # Within one clause (1/10) of it: 0.525 (one fewer found, 0.889), 0.25
    # (one wrong more, 0.900) and 0.075 (all ten, three wrong, 0.870).  The
    # near-best cuts run from 0.525 down to 0.075: the middle is 0.3.
    p = np.array([0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.3, 0.2, 0.2, 0.1, 0.05])
    y = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0])
    assert _plateau_middle(p, y, np.ones(len(p))) == pytest.approx(0.3)
    # resampled (each clause its own document), the median stays among those cuts
    assert 0.075 <= _best_threshold(y, p) <= 0.525
    assert _best_threshold(np.zeros(3, dtype=int), np.array([0.1, 0.2, 0.3])) == 0.5


def test_a_cleanly_separated_label_is_cut_between_its_classes() -> None:
    from licenselens.train import _best_threshold

    p = np.array([0.95, 0.9, 0.85, 0.8, 0.3, 0.2, 0.1, 0.05])
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0])
    assert 0.3 < _best_threshold(y, p, ["a", "a", "b", "b", "a", "b", "c", "c"]) < 0.8


def test_threshold_tuning_is_deterministic_and_ignores_row_order() -> None:
    from licenselens.train import _best_threshold

    y, p, groups = _threshold_data(seed=1)
    once = _best_threshold(y, p, groups)
    assert _best_threshold(y, p, groups) == once
    shuffled = np.random.default_rng(2).permutation(len(y))
    assert _best_threshold(y[shuffled], p[shuffled], groups[shuffled]) == pytest.approx(once, abs=1e-6)


def test_a_duplicated_document_barely_moves_a_threshold() -> None:
    from licenselens.train import _best_threshold

    # The same data plus an exact copy of one document under another name -
    # what adding a written document much like an existing one does.  The cut
    # is a statement about the label, not about which documents happen to be
    # in the corpus: it may shift a little, never across the plateau.
    y, p, groups = _threshold_data(seed=3)
    before = _best_threshold(y, p, groups)
    for doc in ("doc-0", "doc-7", "doc-19"):
        copy = groups == doc
        after = _best_threshold(np.r_[y, y[copy]], np.r_[p, p[copy]], np.r_[groups, np.full(copy.sum(), doc + "-copy")])
        assert abs(after - before) < 0.05, doc
