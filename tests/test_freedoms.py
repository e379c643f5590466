"""Specification of the four-freedoms rules (licenselens.freedoms) and of
artifacts / RAIL naming (licenselens.rail), on clauses written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from licenselens import rail
from licenselens.freedoms import Finding, assess, osaid_compatible


@dataclass(frozen=True)
class C:
    text: str
    start: int = 0
    end: int = 0


MODEL_DEFINITION = C('"Model" means the trained weights and parameters released by the Licensor.')
GRANT_ALL = C("The Licensor hereby grants You a worldwide, royalty-free licence to use, reproduce, modify, "
              "and distribute the Model and Derivatives of the Model.")
GRANT_USE_ONLY = C("The Licensor grants You a personal licence to use the Software on one computer.")
SOFTWARE_NAMED = C('Copies of this software and its documentation (the "Software") are covered by this licence.')
GRANT_SOFTWARE = C("Permission is hereby granted, free of charge, to deal in the Software, including the rights "
                   "to use, copy, modify, merge, publish and distribute copies of the Software.")


@dataclass(frozen=True)
class Item:
    text: str
    start: int
    kind: str = "item"
    parent: int | None = None
    end: int = 0


def finding(kind: str, id: str, text: str = "clause") -> Finding:
    return Finding(kind, id, text, 10, 20)


def grants(*clauses: C):
    found = list(clauses)
    return rail.grants(found, rail.defined_terms(found))


def test_a_permissive_grant_gives_all_four_freedoms():
    freedoms = assess([], grants(SOFTWARE_NAMED, GRANT_SOFTWARE))
    assert {f: v.status for f, v in freedoms.items()} == dict.fromkeys(("use", "study", "modify", "share"), "granted")
    assert osaid_compatible(freedoms)


def test_every_status_carries_the_clauses_that_decided_it():
    freedoms = assess([finding("restriction", "military-weapons", "no weapons")], grants(GRANT_ALL))
    assert freedoms["use"].status == "restricted"
    assert [e.text for e in freedoms["use"].evidence] == ["no weapons"]
    assert freedoms["share"].evidence[0].text == GRANT_ALL.text


def test_a_behavioural_restriction_restricts_use_and_breaks_osaid():
    freedoms = assess([finding("restriction", "surveillance")], grants(GRANT_ALL))
    assert freedoms["use"].status == "restricted"
    assert not osaid_compatible(freedoms)


@pytest.mark.parametrize("condition, freedom, status", [
    ("non-commercial", "use", "restricted"),
    ("user-threshold", "use", "restricted"),
    ("acceptable-use-policy", "use", "restricted"),
    ("no-improving-other-models", "modify", "restricted"),
    ("no-distribution", "share", "not-granted"),
    ("no-hosting", "share", "restricted"),
    ("attribution", "share", "conditional"),
    ("copyleft", "share", "conditional"),
    ("copyleft", "modify", "granted"),
    ("network-copyleft", "modify", "conditional"),
    ("patent-retaliation", "use", "conditional"),
])
def test_conditions_map_onto_freedoms_as_the_taxonomy_says(condition, freedom, status):
    assert assess([finding("condition", condition)], grants(GRANT_ALL))[freedom].status == status


def test_a_ban_on_sharing_adaptations_restricts_modify_and_share_instead_of_withholding_modify():
    found = [finding("condition", "no-derivatives", "You may produce, but not Share, Adapted Material.")]
    freedoms = assess(found, grants(GRANT_ALL))
    assert (freedoms["modify"].status, freedoms["share"].status) == ("restricted", "restricted")


def test_a_grant_whose_rights_are_listed_under_its_lead_in_names_them():
    lead_in = Item("The Licensor hereby grants You a royalty-free licence to exercise the Licensed Rights to:", 0)
    items = [Item("reproduce and Share the Licensed Material;", 1, parent=0),
             Item("produce and Share Adapted Material.", 2, parent=0)]
    after = Item("Some other sentence about sharing.", 3)
    found = rail.grants([lead_in, *items, after], {})
    assert [sorted(g.rights) for g in found] == [["modify", "share", "use"]]
    assert found[0].clause is lead_in


def test_a_general_statement_that_rights_holders_may_use_licences_is_no_grant():
    preamble = C("Public licences give creators and other rights holders terms they may use to share their works.")
    assert rail.grants([preamble], {}) == []


def test_osd_conditions_keep_osaid_compatibility():
    found = [finding("condition", "attribution"), finding("condition", "copyleft")]
    assert osaid_compatible(assess(found, grants(GRANT_ALL)))


def test_the_strongest_finding_wins():
    found = [finding("condition", "attribution"), finding("condition", "no-distribution")]
    assert assess(found, grants(GRANT_ALL))["share"].status == "not-granted"


def test_a_use_only_grant_does_not_grant_sharing_or_modifying():
    freedoms = assess([], grants(GRANT_USE_ONLY))
    assert freedoms["use"].status == "granted"
    assert freedoms["share"].status == "not-granted"
    assert freedoms["modify"].status == "not-granted"


def test_no_grant_at_all_leaves_the_freedoms_unknown_but_reading_free():
    freedoms = assess([], [])
    assert {freedoms[f].status for f in ("use", "modify", "share")} == {"unknown"}
    assert freedoms["study"].status == "granted"
    assert not osaid_compatible(freedoms)


def test_a_behavioural_restriction_also_limits_the_purposes_of_modification():
    freedoms = assess([finding("restriction", "medical")], grants(GRANT_ALL))
    assert freedoms["modify"].status == "restricted"
    assert freedoms["share"].status == "granted"  # sharing is limited only by flow-down


def test_a_non_commercial_licence_limits_every_purpose():
    freedoms = assess([finding("condition", "non-commercial")], grants(GRANT_ALL))
    assert [freedoms[f].status for f in ("use", "modify", "share")] == ["restricted"] * 3


def test_a_reverse_engineering_ban_restricts_study():
    found = [finding("restriction", "other-use-restriction", "You may not reverse engineer the Model.")]
    assert assess(found, grants(GRANT_ALL))["study"].status == "restricted"


def test_artifacts_come_from_what_is_defined_and_granted():
    data_definition = C('"Data" means the information used to train the Model.')  # defined, not granted
    found = grants(MODEL_DEFINITION, data_definition, GRANT_ALL)
    assert rail.artifacts(found) == ["model"]


def test_source_and_binary_forms_cover_source_and_application():
    found = grants(C("Redistribution and use in source and binary forms, with or without modification, "
                     "are permitted provided that the conditions below are met."))
    assert rail.artifacts(found) == ["application", "source"]


def test_what_a_grant_covers_is_named_before_its_conditions():
    bsd_like = C("Redistribution and use in source and binary forms are permitted provided that the "
                 "documentation and other materials provided with the distribution keep this notice.")
    hardware = C("You may convey the work in object code form, provided that you offer spare parts for "
                 "that product model for as long as you sell it.")
    assert rail.artifacts(grants(bsd_like)) == ["application", "source"]  # "materials" are no model
    assert rail.artifacts(grants(hardware)) == ["application"]


def test_a_purpose_the_rights_may_serve_is_no_artifact():
    zlib_like = C("Permission is granted to anyone to use this software for any purpose, including "
                  "commercial applications, and to alter it and redistribute it freely.")
    assert rail.artifacts(grants(zlib_like)) == ["source"]


@pytest.mark.parametrize("opening, expected", [
    ("The following terms apply to your use of the Acme Vision API.", ["application"]),
    ("Please read these points before using the dataset.", ["data"]),
    ("Whenever you want to use or purchase the Services that we provide, these Terms apply.", ["application"]),
    ('These terms govern your access to and use of the Kestrel weights (the "Model").', ["model"]),
])
def test_terms_that_grant_nothing_cover_what_they_say_they_govern(opening, expected):
    clauses = [C(opening, 0), C("You may not use it to track people.", 300)]
    assert grants(*clauses) == []
    assert rail.governed_artifacts(clauses, rail.defined_terms(clauses)) == expected


def test_a_scope_statement_far_from_the_start_is_not_read():
    late = C("These terms apply to your use of the dataset.", rail.SCOPE_CHARS)
    assert rail.governed_artifacts([late], {}) == []


def test_terms_of_service_get_artifacts_but_no_rail_name():
    from licenselens import analyze

    report = analyze("Terms of Use\n\nThese terms apply to your use of the Acme Vision API.\n\n"
                     "You must not use the API to stalk or track people, to make weapons, or to "
                     "generate sexual content involving minors. Require your users to agree to these terms.\n")
    assert report.artifacts == ["application"]
    assert report.rail_name is None


def test_rail_name_needs_restrictions_passed_downstream():
    found = grants(MODEL_DEFINITION, GRANT_ALL)
    arts = rail.artifacts(found)
    several = {"surveillance", "medical", "minors"}
    assert rail.rail_name(arts, found, set(), {"restrictions-flow-down"}) is None
    assert rail.rail_name(arts, found, {"illegal-activity"}, {"restrictions-flow-down"}) is None
    assert rail.rail_name(arts, found, several, set()) is None
    assert rail.rail_name(arts, found, several, {"restrictions-flow-down"}) == "OpenRAIL-M"
    assert rail.rail_name(arts, found, several, {"restrictions-flow-down", "non-commercial"}) == "ResearchRAIL-M"
    assert rail.rail_name(arts, found, several, {"restrictions-flow-down", "no-distribution"}) == "RAIL-M"


def test_a_licence_to_reproduce_adapt_and_distribute_is_open_without_naming_use():
    copyright_grant = C("Each Contributor grants You a royalty-free copyright licence to reproduce its "
                        "Contribution, prepare derivative works of it, and distribute it.")
    found = grants(C('"Contribution" means the source code of the software.'), copyright_grant)
    several = {"surveillance", "medical", "minors"}
    assert rail.rail_name(rail.artifacts(found), found, several, {"restrictions-flow-down"}) == "OpenRAIL-S"


def test_rail_letters_follow_dams_order():
    found = grants(C('"Source Code" means the scripts used to train the model.'),
                   C('"Dataset" means the collection of records.'),
                   C("The Licensor hereby grants You a royalty-free licence to use, modify and distribute the "
                     "Source Code, the Dataset and the Model weights."))
    categories = {"surveillance", "medical", "minors"}
    assert rail.rail_name(rail.artifacts(found), found, categories, {"restrictions-flow-down"}) == "OpenRAIL-DMS"


def test_a_reverse_engineering_ban_in_a_licence_to_run_only_withholds_study():
    found = [finding("restriction", "other-use-restriction", "You may not decompile the Software.")]
    assert assess(found, grants(GRANT_USE_ONLY))["study"].status == "not-granted"


def test_permission_to_copy_the_licence_document_is_no_grant_over_the_work():
    notice = C("Anyone may copy and distribute verbatim copies of this licence document; changing it is not allowed.")
    assert grants(notice) == []


def test_a_permission_whose_rights_come_before_granted_is_a_grant():
    found = grants(C("Permission to use, copy and share this work, for any purpose and without fee, is\n"
                     "hereby granted, provided that this notice is kept."))
    assert [sorted(g.rights) for g in found] == [["share", "use"]]


def test_a_grant_the_reader_makes_to_the_licensor_gives_the_reader_nothing():
    upload = C("You hereby grant us a worldwide licence to use, reproduce, modify and distribute your Content.")
    both = C("We grant you a licence to use the Service, and you grant us a licence to display your Content.")
    assert grants(upload) == []
    assert [sorted(g.rights) for g in grants(both)] == [["use"]]


def test_a_denied_grant_is_no_grant():
    assert grants(C("No license is granted for any Military Use of the Licensed Patents.")) == []
    assert grants(C("The License does not grant to you the right to Sell the Software.")) == []


def test_a_licence_to_do_everything_copyright_reserves_gives_every_right():
    found = grants(C("The author licenses you to do everything with this software that would otherwise "
                     "infringe the author's copyright in it."))
    assert [sorted(g.rights) for g in found] == [["modify", "share", "use"]]


def test_a_permission_stated_of_the_work_is_a_grant_and_of_anything_else_is_not():
    found = grants(C("This software and its modifications can be used and distributed for teaching only."))
    assert [sorted(g.rights) for g in found] == [["modify", "share", "use"]]
    assert grants(C("Content you upload may be used to improve our services.")) == []


def test_forbidding_uses_of_a_service_grants_no_right_to_modify_or_share_it():
    ban = finding("restriction", "malware-security", "You may not use the Service to spread malware.")
    run_only = assess([ban], grants(GRANT_USE_ONLY))
    assert [run_only[f].status for f in ("use", "modify", "share")] == ["restricted", "not-granted", "not-granted"]
    nothing_granted = assess([ban], [])
    assert [nothing_granted[f].status for f in ("use", "modify")] == ["restricted", "unknown"]


def test_a_licence_limit_reaches_a_freedom_a_clause_about_it_implies():
    found = [finding("condition", "non-commercial"),
             finding("condition", "attribution", "If you share copies, keep the notice.")]
    freedoms = assess(found, grants(GRANT_USE_ONLY))
    assert freedoms["share"].status == "restricted"  # "if you share, keep the notice" gives sharing
    assert freedoms["modify"].status == "not-granted"


@pytest.mark.parametrize("limit", ["user-threshold", "commercial-registration"])
def test_a_limit_on_who_may_exercise_the_licence_restricts_every_freedom_it_gives(limit):
    freedoms = assess([finding("condition", limit)], grants(GRANT_ALL))
    assert [freedoms[f].status for f in ("use", "modify", "share")] == ["restricted"] * 3


def test_a_grant_wrapped_across_lines_or_stated_as_what_you_get_is_a_grant():
    wrapped = grants(C("permission\nis granted to deal in this work, including\nrights to use, modify and distribute."))
    assert [sorted(g.rights) for g in wrapped] == [["modify", "share", "use"]]
    assert [sorted(g.rights) for g in grants(C("You get the royalty free right to use and copy it."))] == [["use"]]
    assert grants(C("You have no right to sublicense the Software.")) == []


def test_items_under_a_lead_in_saying_what_the_licence_leaves_alone_are_rights_kept():
    clauses = [Item("This Licence does not limit any right you have under the law to:", 0, kind="sentence"),
               Item("(a) quote short parts of the Corpus for criticism or review;", 1, parent=0),
               Item("(b) use the Corpus for any purpose allowed by fair dealing.", 2, parent=0),
               Item("You agree not to use the Corpus to:", 3, kind="sentence"),
               Item("(a) identify the people quoted in it.", 4, parent=3)]
    assert rail.preserved_rights(clauses) == {1, 2}


def test_a_licence_under_patents_alone_leaves_the_copyright_freedoms_unknown():
    patent_grant = C("The Licensor grants you a licence under the Licensed Patents to practise and use the "
                     "claimed inventions in any implementation.")
    freedoms = assess([], grants(patent_grant))
    assert freedoms["use"].status == "granted"
    assert [freedoms[f].status for f in ("modify", "share")] == ["unknown", "unknown"]
    assert assess([], grants(GRANT_USE_ONLY))["share"].status == "not-granted"


def test_no_derivatives_withholds_modification_unless_another_clause_grants_part_of_it():
    ban = finding("condition", "no-derivatives", "You will not modify the portions in binary form.")
    assert assess([ban], grants(GRANT_USE_ONLY))["modify"].status == "not-granted"
    some = C("If the Software includes source code, you may create derivative works of those portions.", 100, 190)
    assert assess([ban], grants(GRANT_USE_ONLY, some))["modify"].status == "restricted"


def test_a_right_named_only_to_be_refused_is_not_granted():
    [grant] = grants(C("You may use and copy the Software, but you may not modify it."))
    assert grant.rights == {"use"}


def test_redistribution_permitted_without_modification_grants_no_modification():
    [firmware] = grants(C("Redistribution and use in binary form, without modification, are permitted provided "
                          "that the following conditions are met:"))
    assert "modify" not in firmware.rights and {"use", "share"} <= firmware.rights
    [bsd] = grants(C("Redistribution and use in source and binary forms, with or without modification, are "
                     "permitted provided that the following conditions are met:"))
    assert "modify" in bsd.rights


def test_a_grant_of_copying_changing_and_sharing_gives_use_too():
    w3c_like = C("Permission to copy, modify, and distribute this work, with or without modification, "
                 "for any purpose and without fee is hereby granted.")
    freedoms = assess([], grants(w3c_like))
    assert freedoms["use"].status == "granted"
    assert [e.text for e in freedoms["use"].evidence] == [w3c_like.text]


def test_conditions_on_copies_handed_on_say_nothing_of_sharing_a_text_never_gives():
    patent_grant = C("The Licensor grants you a licence under the Licensed Patents to practise the claimed "
                     "inventions in any implementation.")
    keep_text = finding("condition", "attribution",
                        "No licence is granted for an implementation that does not include the text of this licence.")
    assert assess([keep_text], grants(patent_grant))["share"].status == "unknown"
    no_hosting = finding("condition", "no-hosting", "You may not offer the Software as a hosted service.")
    freedoms = assess([no_hosting], grants(GRANT_USE_ONLY))
    assert (freedoms["use"].status, freedoms["share"].status) == ("restricted", "not-granted")
    assert assess([no_hosting], grants(GRANT_ALL))["share"].status == "restricted"


def test_a_licence_limit_that_names_sharing_restricts_it_even_without_a_share_grant():
    rider = finding("condition", "non-commercial", "The License does not grant to you the right to Sell the Software.")
    freedoms = assess([rider], [])
    assert freedoms["share"].status == "restricted"
    assert freedoms["modify"].status == "unknown"


def test_a_limitation_the_licensor_may_add_is_not_in_force():
    option = finding("condition", "geographic",
                     "If use is restricted in some countries, the original copyright holder may add an explicit "
                     "geographical distribution limitation excluding those countries.")
    assert assess([option], grants(GRANT_ALL))["use"].status == "granted"
    in_force = finding("condition", "geographic", "You may not use the Software in the excluded countries.")
    assert assess([in_force], grants(GRANT_ALL))["use"].status == "restricted"


def test_a_grant_sentence_cut_by_a_list_names_its_rights_after_the_list():
    clauses = [C("Permission is hereby granted, free of charge, under all copyright rights covering either", 0, 90),
               C("(i) the Software as provided, or", 91, 120),
               C("(ii) the Larger Works, to deal in both", 121, 160),
               C("without restriction, including the rights to copy, modify, and distribute the Software.", 161, 250),
               C("The above notice must be included in all copies.", 251, 300)]
    [grant] = grants(*clauses)
    assert grant.rights == {"modify", "share"} and grant.clause is clauses[0]


def test_passing_on_terms_that_limit_nothing_is_share_alike_not_a_flow_down_of_restrictions():
    onward = finding("condition", "restrictions-flow-down", "Any Derivative Database must be only under this License.")
    assert assess([onward], grants(GRANT_ALL))["share"].status == "conditional"
    ban = finding("restriction", "surveillance", "You may not use the Database to track people.")
    assert assess([onward, ban], grants(GRANT_ALL))["share"].status == "restricted"
    # a limitation the licensor may add is not one passed on either
    option = finding("condition", "geographic", "The copyright holder may add a geographical distribution limitation.")
    assert assess([onward, option], grants(GRANT_ALL))["share"].status == "conditional"


def test_permission_to_convey_a_modified_version_grants_modifying_and_sharing():
    found = grants(C("If you change a copy of the Toolkit, you may convey the modified version under this Licence."),
                   C("You may share copies of the Toolkit with anyone."))
    assert {right for g in found for right in g.rights} >= {"modify", "share"}
    freedoms = assess([], found)
    assert freedoms["modify"].status == "granted" and freedoms["share"].status == "granted"


@pytest.mark.parametrize("text", [
    "To the fullest extent the law allows, the Author waives all copyright and related rights in the Atlas.",
    "The Author dedicates the Atlas to the public domain, worldwide.",
    "Should the waiver fail, the Author grants you a licence to exercise the Author's copyright in the Atlas "
    "for any purpose.",
])
def test_a_waiver_or_a_licence_to_exercise_the_copyright_itself_gives_every_freedom(text: str) -> None:
    from licenselens import analyze

    report = analyze(text)
    assert {f: s.status for f, s in report.freedoms.items()} == dict.fromkeys(
        ("use", "study", "modify", "share"), "granted")


def test_the_items_a_defined_term_includes_define_it_and_restrict_nothing() -> None:
    from licenselens import analyze

    lead = "You may use, copy, modify and share the Atlas.\n\n"
    defined = analyze(lead + "Neighbouring Rights include, but are not limited to, the following:\n"
                             "(i) the right to control the use of a person's likeness or private information;\n"
                             "(ii) rights in databases.\n")
    assert defined.restrictions == []
    # a list of what is prohibited is no definition, whatever its verb
    banned = analyze(lead + "Prohibited uses include the following:\n"
                            "(i) tracking a person's location or private information without consent;\n"
                            "(ii) building weapons.\n")
    assert banned.restrictions


@pytest.mark.parametrize(("text", "rights"), [
    ("The Licensee is authorized to use the Program for any purpose.", ["use"]),
    ("The Licensee is further authorized to distribute copies of the Program to anyone.", ["share"]),
    ("The right to make Contributions includes the right to translate, adapt or make any modifications to the "
     "Program.", ["modify"]),
    ("You can copy, modify and distribute the atlas without asking anyone.", ["modify", "share"]),
    # a permission of the work's usage as a whole singles out no act
    ("Usage of the tables is permitted provided this instrument stays with them.", ["modify", "share", "use"]),
    ("Any use of this code is permitted as long as this notice is kept.", ["modify", "share", "use"]),
])
def test_a_permission_worded_as_authority_ability_or_usage_is_a_grant(text: str, rights: list[str]) -> None:
    assert [sorted(g.rights) for g in grants(C(text))] == [rights]


@pytest.mark.parametrize("text", [
    "A Licensee whose licence has ended shall no longer be authorized to use the Program.",
    # "can use" describes what a service is for; "can copy" grants what copyright reserves
    "As a result, you can use our interfaces for data that should stay on the phone.",
    # authority to act for someone else is no right over the work
    "You represent that you are authorized to act on behalf of your employer.",
])
def test_authority_lost_or_a_service_described_is_no_grant(text: str) -> None:
    assert grants(C(text)) == []


def test_a_grant_whose_list_the_layout_did_not_nest_names_its_rights_in_the_clauses_after_it():
    lead_in = C("The Steward hereby grants you a worldwide, royalty-free licence to exercise the rights below:")
    flat_list = C("to reproduce the Atlas; to make and reproduce adaptations of it; to distribute copies of the "
                  "Atlas and of adaptations.")
    later = C("You must keep this notice with every copy.")
    found = rail.grants([lead_in, flat_list, later], {})
    assert [sorted(g.rights) for g in found] == [["modify", "share", "use"]]
    # ... and those clauses spell out rights, not restrictions
    assert rail.listed_rights([lead_in, flat_list, later], found, lambda text: False) == {1}
    # after a lead-in that introduces conditions, what follows unnested may be the next term
    conditional = C("The Steward grants you a licence to use the Atlas, subject to the following conditions:")
    assert rail.listed_rights([conditional, later], rail.grants([conditional, later], {}), lambda t: False) == set()


def test_the_pieces_of_a_grant_sentence_cut_by_a_list_are_rights():
    clauses = [C("You are hereby granted the"),
               Item("- royalty-free and non-exclusive,", 1),
               Item("- sub-licensable for commercial and non-commercial purposes,", 2),
               C("right to reproduce, adapt and distribute the Atlas."),
               C("You may not use the Atlas to track people.")]
    found = rail.grants(clauses, {})
    assert rail.listed_rights(clauses, found, lambda text: "not" in text.replace("non-", "")) == {1, 2, 3}
