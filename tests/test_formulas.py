"""Specification of the rules for conditions in formulaic wording (licenselens.formulas)."""

from __future__ import annotations

import pytest

from licenselens.classify import load_default
from licenselens.formulas import formulaic_conditions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A recipient may pass the tables on, provided the recipient supplies the text of this agreement with them.",
         ["attribution"]),
        ("Every copy you hand on must keep the copyright line and the credits that came with it.", ["attribution"]),
        ("You shall not remove or obscure any attribution shown in the viewer.", ["attribution"]),
        ("The copyright notices must not be removed from modified files.", ["attribution"]),
        ("The Licensee undertakes not to remove the intellectual property notices that come with the Toolkit.",
         ["attribution"]),
        ("Every copy must keep the proprietary notices shown on the original.", ["attribution"]),
        # the notices and what travels with them may take a long phrase before "must"
        ("The copyright notices of the Package, together with this whole permission text, the grant above and the "
         "disclaimer below, shall be reproduced in every copy.", ["attribution"]),
        ("You may make and keep, but not publish, adapted versions of the Corpus.", ["no-derivatives"]),
        ("The Licensee will run the Toolkit solely for Weather Forecasting Purposes.", ["field-of-use"]),
        # ... or confined to a named product, platform or device
        ("You may run the Toolkit only as part of Your Forecasting Service.", ["field-of-use"]),
        ("The detection models may be deployed solely on a Brightwater camera.", ["field-of-use"]),
        ("Licensee may distribute the viewer only in conjunction with Harbour hardware.", ["field-of-use"]),
        ("Modified versions must run solely and exclusively on sensor boards manufactured by or for Harbour Ltd.",
         ["field-of-use"]),
        ("Harbour Ltd. sells the boards only with cases made by its partners.", []),  # a sales fact, no limit on use
        ("The Atlas may only be used with the mapping services provided by Harbour Ltd.", ["field-of-use"]),
        ("You may use and change the SDK for use in connection with the APIs provided by Harbour Ltd.",
         ["field-of-use"]),
        ("The rights above extend only to programs you write that run on a Harbour Tide operating system.",
         ["field-of-use"]),
        # the work itself may not be changed (not its notices, not "adapted to" a purpose)
        ("The Typeface may not be modified, altered or added to.", ["no-derivatives"]),
        ("The notices in the Typeface may not be altered.", []),  # notices: attribution, for the model
        ("The detector must not be adapted to recognise faces.", []),
        ("The Typeface may not be modified without written consent of the foundry.", []),
        # ... or kept out of production
        ("The Licensor grants you the right to copy, change and make non-production use of the Toolkit.",
         ["field-of-use"]),
        ("Derived versions may be built and tested solely in a Non-Production Environment.", ["field-of-use"]),
        ("Before the Change Date there are no limits on non-production use.", []),
        # rights withheld from commercial ends (the wording of the older NonCommercial licences)
        ("The Recipient may not exercise the rights above in any way chiefly intended for commercial advantage "
         "or private monetary compensation.", ["non-commercial"]),
        ("You shall not distribute the Atlas in any manner directed toward monetary compensation.",
         ["non-commercial"]),
        ("You may not alter or redistribute the game in any manner that is intended for commercial advantage.",
         ["non-commercial"]),
        ("Permission to use, copy and hand on the Atlas for NON-COMMERCIAL purposes is hereby granted.",
         ["non-commercial"]),
        ("Permission to use the Atlas for non-commercial or commercial purposes is hereby granted.", []),
        ("The Atlas was once handed out under a 'free for non-commercial use' licence.", []),
        # ... but a definition of the term, or an exchange said not to be commercial, withholds nothing
        ("Non-commercial means not primarily intended for or directed towards commercial advantage.", []),
        ("Swapping copies with other members is not to be regarded as intended for commercial advantage.", []),
        ("Only the Tidewater Lab has the right to redistribute these scripts.", ["no-distribution"]),
        ("Only the Tidewater Lab has the right to grant exceptions.", []),
        # distribution forbidden outright, not merely made conditional
        ("Apart from that, it is forbidden to copy, publish, hand out or sell the Atlas.", ["no-distribution"]),
        ("You are not permitted to redistribute the preview build in any form.", ["no-distribution"]),
        ("You are not permitted to redistribute the Atlas unless this notice stays with it.", []),
        ("It is prohibited to publish the Atlas without the credits page.", []),
        # near misses: no formula
        ("You may publish adapted versions of the Corpus.", []),
        ("The Licensee will run the Toolkit solely for Research Purposes.", []),  # non-commercial, not a field
        ("You may use the Toolkit only for lawful purposes.", []),
        # "only" that confines who acts, a language or a venue, not the use
        ("In accepting such duties you may act only on Your own behalf.", []),
        ("Anyone who uses the Toolkit does so only on Licensee's behalf.", []),
        ("This agreement, which governs use of the Toolkit, is made solely in the English language.", []),
        ("Any claim about how you use the Toolkit that is based solely on the Samples is excluded.", []),
        ("Title to the Toolkit shall remain solely with Tidewater.", []),
        ("Contributors own the copyright in their contributions.", []),
    ],
)
def test_a_formula_names_its_condition_and_a_near_miss_names_none(text: str, expected: list[str]) -> None:
    assert formulaic_conditions(text) == expected


def test_the_classifier_adds_a_formulaic_condition_but_the_shape_rules_still_apply() -> None:
    model = load_default()
    clause = "You may make and keep, but not publish, adapted versions of the Corpus."
    definition = '"Private Version" means a version you make, but not publish, that is adapted from the Corpus.'
    predicted, for_definition = model.predict([clause, definition])
    assert "no-derivatives" in dict(predicted)
    assert for_definition == []


def test_a_creative_commons_3_0_noncommercial_licence_restricts_use(licence_text) -> None:
    from licenselens import analyze

    report = analyze(licence_text("cc-by-nc-3.0"))
    assert "non-commercial" in {c.id for c in report.conditions}
    assert report.freedoms["use"].status == "restricted" and report.osaid_compatible is False
