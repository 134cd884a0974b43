"""What counts as an event that happened, through the real pipeline.

Each story is written for this test. The cases cover denial through "no" and
"nobody", habits told in the simple present, bare plurals that name a kind of act,
an operation that is only an attack when it is against someone, and military units
named in the singular.
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import cameos, dyads, roots


def test_no_argument_denies_the_event(pipeline: Pipeline) -> None:
    assert "19" not in roots(pipeline, "No shots were fired at the Chadian convoy.")
    assert "17" not in roots(pipeline, "Nobody was arrested after the rally in Minsk.")
    assert "17" not in roots(pipeline, "Belarusian police arrested no protesters in Minsk.")
    # Still an arrest when someone was arrested.
    assert "17" in roots(pipeline, "Belarusian police arrested two protesters in Minsk.")


def test_simple_present_in_the_body_is_a_habit(pipeline: Pipeline) -> None:
    text = (
        "Malian troops detained a militia commander near Gao on Monday. "
        "The commander directs attacks against Malian soldiers in the region."
    )
    found = dyads(pipeline, text)
    assert any(root == "17" for _, _, root in found)
    assert not any(root == "19" for _, _, root in found)


def test_a_lead_or_headline_in_the_present_is_news(pipeline: Pipeline) -> None:
    assert "19" in roots(pipeline, "Malian troops attack rebel positions near Gao.")
    headline = "Malian troops attack rebel positions near Gao\nThe army said it acted on Monday."
    assert "19" in roots(pipeline, headline)


def test_a_bare_plural_under_an_adjective_names_a_kind_of_act(pipeline: Pipeline) -> None:
    text = (
        "Malian troops detained a militia commander near Gao on Monday. "
        "The commander was responsible for attacks against Malian soldiers."
    )
    assert "19" not in roots(pipeline, text)
    # A plural made particular ("the attacks") is events.
    text = (
        "Malian troops detained a militia commander near Gao on Monday. "
        "The commander was responsible for the attacks against Malian soldiers."
    )
    assert "19" in roots(pipeline, text)


def test_an_operation_is_an_attack_only_against_someone(pipeline: Pipeline) -> None:
    assert "19" in roots(pipeline, "The Malian army conducted an operation against the rebels.")
    assert "19" not in roots(pipeline, "The Malian army conducted an operation near Gao.")


def test_a_unit_named_in_the_singular_is_a_military_actor(pipeline: Pipeline) -> None:
    text = "A Malian security force killed three militants near Gao."
    assert any(src is not None and src.endswith("MIL") for src, _, _ in dyads(pipeline, text))


def test_subject_hung_on_a_fronted_place_is_found(pipeline: Pipeline) -> None:
    # The parser attaches "a Malian security force" to "province" as an apposition.
    text = (
        "In Sar Hawza district, Zabul province, a Malian and French security force "
        "detained several suspected fighters in a night raid today."
    )
    found = dyads(pipeline, text)
    assert any(root == "17" and src is not None and src.startswith("MLI") for src, _, root in found)


def test_a_combined_or_joint_force_is_a_military_actor(pipeline: Pipeline) -> None:
    for unit in ("combined force", "joint force"):
        text = f"During the raid, the {unit} killed one gunman and detained another."
        assert any(src == "---MIL" and root == "19" for src, _, root in dyads(pipeline, text))


def test_an_act_asked_for_has_not_happened(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "The UN urged Russia to withdraw its troops from the border.")
    assert ("IGOUNO", "RUS", "02") in found
    assert not any(root == "08" for _, _, root in found)
    found = dyads(pipeline, "The UN called for Russia to withdraw its troops from the border.")
    assert ("IGOUNO", "RUS", "02") in found
    assert not any(root == "08" for _, _, root in found)


def test_an_appeal_or_demand_is_coded_by_what_it_asks_for(pipeline: Pipeline) -> None:
    assert "0253" in cameos(
        pipeline, "Chilean bishops urged the government to release the jailed students."
    )
    assert "1053" in cameos(pipeline, "Germany demanded that Russia release the prisoners.")
    # Asking a third party to back someone rallies support on that party's behalf.
    assert "053" in cameos(
        pipeline, "The Arab League urged the European Union to support the Kurdish delegation."
    )


def test_an_instruction_to_people_who_are_no_actor_is_no_appeal(pipeline: Pipeline) -> None:
    text = "Chadian soldiers used a megaphone to call for all occupants to leave the shop."
    assert "02" not in roots(pipeline, text)


def test_a_past_participle_modifier_is_done_to_its_noun(pipeline: Pipeline) -> None:
    text = "Two rebels wounded in the clash near Gao were treated by Malian army medics."
    found = dyads(pipeline, text)
    # The rebels were wounded, they did not wound anyone.
    assert not any(src == "---REB" and root in ("18", "19") for src, _, root in found)


def test_a_stative_participle_has_its_subject_as_actor(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "The minister said Peru is committed to opening its economy.")
    assert any(src == "PER" and root == "03" for src, _, root in found)


def test_receiving_something_that_is_no_one_is_no_visit(pipeline: Pipeline) -> None:
    assert "04" not in roots(pipeline, "The Malian patrol received mortar fire near Gao.")
    found = dyads(pipeline, "The emir of Qatar received the Malian foreign minister.")
    assert any(root == "04" for _, _, root in found)


def test_two_groups_of_one_country_and_sector_are_two_actors(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Malian troops detained a militia commander near Gao on Monday.")
    assert any(src == "MLIMIL" and tgt is not None and root == "17" for src, tgt, root in found)


def test_a_nationality_of_another_actor_does_not_place_a_role_word(pipeline: Pipeline) -> None:
    text = "Chilean diplomats said police detained two Bolivian traders."
    found = dyads(pipeline, text)
    assert not any(src == "CHLCOP" for src, _, _ in found)


def test_the_force_is_the_force_just_named(pipeline: Pipeline) -> None:
    text = (
        "A Malian security force reached a farm near Gao at dawn. "
        "After a search, the force detained three suspected militants."
    )
    found = dyads(pipeline, text)
    assert any(src == "MLIMIL" and root == "17" for src, _, root in found)


def test_the_capture_of_someone_is_an_arrest(pipeline: Pipeline) -> None:
    text = "The Malian army confirmed the capture of a rebel commander near Gao."
    assert "17" in roots(pipeline, text)


def test_a_state_participle_on_a_noun_is_no_act(pipeline: Pipeline) -> None:
    text = "Malian soldiers met several fighters armed with rifles near Gao on Monday."
    assert "07" not in roots(pipeline, text)


def test_calling_in_an_airstrike_is_the_airstrike(pipeline: Pipeline) -> None:
    text = "French troops called in an airstrike on the militants near Gao."
    found = roots(pipeline, text)
    assert "19" in found
    # Calling in fire is no telephone call.
    assert "04" not in found


def test_commanding_a_unit_is_no_demand(pipeline: Pipeline) -> None:
    assert "10" not in roots(pipeline, "The Malian colonel commanded a supply convoy.")


def test_meeting_in_the_present_in_the_body_is_a_habit(pipeline: Pipeline) -> None:
    text = (
        "Malian troops detained a smuggler near Gao on Monday. "
        "Algerian officials meet Malian officials in Kidal every month."
    )
    assert "04" not in roots(pipeline, text)


def test_targeting_a_place_is_no_attack_on_anyone(pipeline: Pipeline) -> None:
    text = "The Malian patrol targeted a compound near Gao to search for weapons."
    assert "19" not in roots(pipeline, text)


def test_a_rebel_commander_is_a_rebel(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Malian troops captured a rebel commander near Gao.")
    assert any(tgt is not None and tgt.endswith("REB") for _, tgt, _ in found)


def test_acts_someone_is_involved_in_are_a_kind_of_act(pipeline: Pipeline) -> None:
    text = (
        "Malian troops detained a militia commander near Gao on Monday. "
        "The commander has been involved in numerous attacks against Malian soldiers."
    )
    assert "19" not in roots(pipeline, text)


def test_acts_someone_organised_are_a_kind_of_act(pipeline: Pipeline) -> None:
    text = (
        "Malian troops detained a militia commander near Gao on Monday. "
        "The commander directed attacks against Malian soldiers in the north."
    )
    assert "19" not in roots(pipeline, text)


def test_being_armed_with_weapons_is_no_act(pipeline: Pipeline) -> None:
    assert "07" not in roots(pipeline, "The Tuareg rebels were armed with heavy machine guns.")


def test_a_weapon_as_subject_is_an_attack_by_someone_unnamed(pipeline: Pipeline) -> None:
    # The weapon gives the kind of attack; the place stands for the unknown attacker.
    assert dyads(pipeline, "A car bomb killed four Somali soldiers in Mogadishu.") == [
        ("SOM", "SOMMIL", "18")
    ]
    found = dyads(pipeline, "Two Kenyan policemen were wounded by an improvised explosive device.")
    assert found == [(None, "KENCOP", "18")]
    # A participle that describes what weapons are for tells of no attack.
    assert roots(pipeline, "The cell builds roadside bombs targeting Kenyan convoys.") == []


def test_declared_readiness_or_a_condition_makes_a_threat(pipeline: Pipeline) -> None:
    # "it" with an adjective of its own disposition is the junta, not an empty subject.
    assert roots(pipeline, "The Malian junta said it was prepared to impose martial law.") == ["13"]
    assert roots(pipeline, "The rebels vowed to attack the capital.") == ["13"]
    assert roots(pipeline, "Norway may halt its mediation if the fighting resumes.") == ["13"]


def test_the_gerund_after_resorting_is_the_subjects_act(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Striking Chilean miners resorted to throwing rocks at the police.")
    assert found == [("CHLLAB", "CHLCOP", "14")]


def test_an_infinitive_on_an_event_noun_of_purpose_is_its_participants_act(
    pipeline: Pipeline,
) -> None:
    text = (
        "Thousands of Kenyans were converging on Nairobi on Friday "
        "for a rally to protest the new tax."
    )
    # The protesters' act; at home, with no other party, its target is their country.
    assert any(src == "KEN" and root == "14" for src, _, root in dyads(pipeline, text))
    text = "Ghanaian farmers travelled to Accra for a rally to denounce the cocoa prices."
    assert any(src == "GHAAGR" and root == "11" for src, _, root in dyads(pipeline, text))


def test_ties_asked_for_with_the_askers_own_country_are_no_rallying(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Cuban state television urged Canada to strengthen ties with Havana.", "2021-03-02"
    )
    assert [e.cameo for e in events] == ["022"]
    events = pipeline.extract_text(
        "Cuban state television urged Canada to strengthen ties with Venezuela.", "2021-03-02"
    )
    assert [e.cameo for e in events] == ["053"]


def test_a_welcome_given_to_a_visitor_hosts_the_visit(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "The Kenyan president gave a warm welcome to the Ugandan leader.")
    assert ("KENGOV", "UGAGOV", "04") in found
    # A welcome given to a plan hosts nobody.
    assert "04" not in roots(pipeline, "The council gave a warm welcome to the plan.")


def test_the_venue_of_a_meeting_is_no_party_to_it(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Chilean envoys met in Paris on Monday.")
    assert any(root == "04" for _, _, root in found)
    assert not any(tgt is not None and tgt.startswith("FRA") for _, tgt, _ in found)


def test_envoys_do_not_take_the_country_of_the_venue(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Envoys met the Dutch foreign minister in Paris on Monday.")
    assert not any(src is not None and src.startswith("FRA") for src, _, _ in found)


def test_an_aim_is_no_act_when_the_act_is_told(pipeline: Pipeline) -> None:
    # What was done to pursue the aim is the event, not a second attack.
    text = "Malian and French troops targeted a militia leader near Gao, detaining two men."
    assert "19" not in roots(pipeline, text)
    assert "17" in roots(pipeline, text)
    text = "Malian troops detained two men as they targeted a militia leader near Gao."
    assert "19" not in roots(pipeline, text)
    text = "Malian troops targeted a house near Gao to search for him."
    assert "19" not in roots(pipeline, text)
    text = "Malian troops targeted a house near Gao in pursuit of the militia leader."
    assert "19" not in roots(pipeline, text)
    # An aim told alone is still the act.
    assert "19" in roots(pipeline, "Malian troops targeted rebel positions near Gao.")


def test_a_sense_towards_someone_finds_them_in_its_own_slot(pipeline: Pipeline) -> None:
    # Nobody is received as a visitor, and an operation to detain is no attack.
    assert "04" not in roots(pipeline, "Malian troops received heavy fire from rebels near Gao.")
    text = "A Malian and French force conducted an operation near Gao to detain a militia leader."
    assert "19" not in roots(pipeline, text)
    assert "19" in roots(pipeline, "The Malian army conducted an operation against the rebels.")


def test_allies_of_an_assault_do_not_attack_each_other(pipeline: Pipeline) -> None:
    text = "A Malian and French force conducted an operation in search of a militia leader."
    targets = [tgt for _, tgt, _ in dyads(pipeline, text)]
    assert not any(tgt is not None and tgt.startswith("FRA") for tgt in targets)
    assert "19" not in roots(pipeline, text)


def test_destroying_arms_is_destroying_property_only_when_whose_is_said(
    pipeline: Pipeline,
) -> None:
    text = "Malian soldiers found and destroyed a rifle, two pistols and some ammunition."
    assert roots(pipeline, text) == []
    assert roots(pipeline, "The seized explosives were destroyed by Malian soldiers.") == []
    assert "17" in roots(pipeline, "Malian troops destroyed the rebels' ammunition near Gao.")
    # A rebel base destroyed is an attack.
    assert "19" in roots(pipeline, "Malian soldiers destroyed the rebel base near Gao.")


def test_acts_someone_is_known_for_are_no_events(pipeline: Pipeline) -> None:
    lead = "Malian troops detained a militia commander near Gao on Monday. "
    for role in (
        "The commander led twenty fighters in attacks against Malian soldiers.",
        "The commander planned, coordinated and carried out bombings against Malian soldiers.",
        "The commander distributed rifles for attacks against Malian soldiers.",
    ):
        assert not {"18", "19"} & set(roots(pipeline, lead + role)), role
    # Acts of a particular occasion are events.
    text = "Rebels carried out bombings against Malian soldiers near Gao on Monday."
    assert "18" in roots(pipeline, text)
    text = "The rebels led attacks against Malian soldiers near Gao on Monday."
    assert "19" in roots(pipeline, text)


def test_calling_for_fire_calls_in_a_strike(pipeline: Pipeline) -> None:
    # A unit calling for air support calls in the strike; it appeals to no one.
    found = roots(pipeline, "The Malian patrol came under fire and called for close air support.")
    assert "19" in found
    assert "02" not in found
    assert "19" in roots(pipeline, "The Malian patrol called for an airstrike on the rebel camp.")
    # Support for people in need is still an appeal.
    assert "02" in roots(pipeline, "The opposition called for international support for Mali.")


def test_troops_supporting_a_force_cooperate_militarily(pipeline: Pipeline) -> None:
    found = roots(pipeline, "French troops supported the Malian force near Gao.")
    assert "06" in found
    assert "05" not in found
    assert "05" in roots(pipeline, "Indonesia supported the Palestinian bid for membership.")


def test_keeping_bystanders_safe_in_ones_own_search_is_how_it_was_done(pipeline: Pipeline) -> None:
    # Protecting the people found during one's own search or operation tells how it was
    # conducted; it is no protection given as aid.
    for text in (
        "Malian soldiers protected the women and children throughout the search of the compound.",
        "Three women and nine children were protected by the Malian patrol during the operation.",
        "The Malian unit protected four children while searching the farm near Gao.",
        "Malian soldiers protected the women and children for the duration of the raid.",
    ):
        assert "07" not in roots(pipeline, text), text
    # Protection from a threat, or during another party's operation, is given.
    text = "UN peacekeepers protected civilians in the camp near Gao from militia attacks."
    assert "07" in roots(pipeline, text)
    text = "UN peacekeepers protected civilians while Malian troops searched the village."
    assert "07" in roots(pipeline, text)
    text = "Malian soldiers protected the women and children during the militia's raid on Gao."
    assert "07" in roots(pipeline, text)


def test_questioning_the_people_found_in_ones_own_search_is_a_step_of_it(
    pipeline: Pipeline,
) -> None:
    text = "Malian gendarmes questioned the villagers at the scene and detained two suspects."
    found = roots(pipeline, text)
    assert "09" not in found
    assert "17" in found
    for text in (
        "Malian gendarmes questioned the occupants of the house and conducted a search.",
        "Malian gendarmes questioned villagers during the search of the market.",
    ):
        assert "09" not in roots(pipeline, text), text
    # Questioning on a topic, or of a party with a role, is an investigation.
    text = "Malian police questioned the minister over the bribes and arrested him."
    assert "09" in roots(pipeline, text)
    assert "09" in roots(pipeline, "Malian police questioned the minister and arrested him.")


def test_a_partner_named_on_the_doer_of_an_act_is_no_event_of_its_own(pipeline: Pipeline) -> None:
    # Who took part in the act, or stood behind its doer: no cooperation of its own.
    text = "A Malian force, supported by French troops, detained two men near Gao."
    found = roots(pipeline, text)
    assert "17" in found
    assert not {"05", "06"} & set(found)
    found = roots(pipeline, "Malian troops backed by French helicopters attacked the rebel camp.")
    assert "19" in found
    assert not {"05", "06"} & set(found)
    assert "05" not in roots(pipeline, "Rebels backed by Algeria seized the town of Kidal.")
    # The active participle says the same of its noun; a finite clause is cooperation.
    text = "A French air team supporting Malian ground forces struck a rebel convoy near Gao."
    found = roots(pipeline, text)
    assert "19" in found
    assert "06" not in found
    assert "06" in roots(pipeline, "French troops supported Malian ground forces near Gao.")


def test_information_an_act_was_based_on_is_its_ground_not_an_event(pipeline: Pipeline) -> None:
    for text in (
        "Malian police raided a warehouse in Gao in response to information provided by farmers.",
        "Based on the information provided, two men were detained near Gao.",
    ):
        found = roots(pipeline, text)
        assert "06" not in found, text
        assert "17" in found, text
    # Giving information told as an act is one.
    assert "06" in roots(pipeline, "Algeria provided intelligence to the Malian army.")


def test_wanting_a_party_to_act_is_an_appeal_to_it(pipeline: Pipeline) -> None:
    # "X wants Y to do Z" asks Y to do it: an appeal, and Z has not happened.
    text = "Peru wants Ecuador to hand back the two fishing boats."
    found = dyads(pipeline, text)
    assert ("PER", "ECU", "02") in found
    assert all(root != "08" for _, _, root in found)
    # Wanting a thing, or wanting to act oneself, asks nobody.
    assert "02" not in roots(pipeline, "Peru wants a quick end to the dispute.")
    assert "02" not in roots(pipeline, "Peru wants to meet Ecuador next month.")


def test_an_infinitive_after_a_vow_is_its_complement_even_if_parsed_as_a_purpose(
    pipeline: Pipeline,
) -> None:
    # The parser reads "have sworn to fight" as "sworn in order to fight"; a vow still
    # makes the fighting a threat, not fighting that happened.
    text = "Tuareg militants have sworn to fight until the army leaves the north."
    found = roots(pipeline, text)
    assert "13" in found
    assert "19" not in found
    # The same fighting told as done is an event.
    assert "19" in roots(pipeline, "Tuareg militants fought the army near Kidal on Sunday.")


def test_a_weapon_in_a_phrase_of_means_tells_the_kind_of_force(pipeline: Pipeline) -> None:
    text = "Separatist rebels wounded four Indian soldiers in a bomb attack near Imphal."
    assert "183" in cameos(pipeline, text)
    assert "194" in cameos(pipeline, "Rebels killed three villagers with mortars near Goma.")
    # A phrase of means with no weapon leaves a plain use of force as it is.
    found = cameos(pipeline, "Separatist rebels wounded four Indian soldiers in Imphal on Friday.")
    assert "190" in found
    assert "183" not in found


def test_peacekeepers_arriving_in_a_country_are_deployed_not_visiting(pipeline: Pipeline) -> None:
    text = "A battalion of Nepalese peacekeeping troops arrived in Lebanon on Friday."
    found = roots(pipeline, text)
    assert "07" in found
    assert "04" not in found
    assert "07" in roots(pipeline, "Kenyan peacekeepers flew to Somalia on Monday.")
    # A minister arriving is a visit.
    assert "04" in roots(pipeline, "The Nepalese defence minister arrived in Lebanon on Friday.")


def test_reaching_an_understanding_is_agreeing_not_signing(pipeline: Pipeline) -> None:
    # A consensus or an understanding is no formal agreement signed (057).
    text = "Chile and Bolivia reached an understanding to share river data."
    found = roots(pipeline, text)
    assert "03" in found
    assert "05" not in found
    assert "05" in roots(pipeline, "Chile and Bolivia reached an agreement on river data.")


def test_breaking_a_ceasefire_agreement_is_violating_the_ceasefire(pipeline: Pipeline) -> None:
    assert "196" in cameos(
        pipeline, "Militias in Tripoli violated the ceasefire agreement on Monday."
    )
    # Another agreement broken is a violation of norms, not of a truce.
    found = cameos(pipeline, "The Libyan firm violated the export agreement.")
    assert "196" not in found


def test_an_act_demanded_by_someone_who_is_no_actor_is_still_only_asked(
    pipeline: Pipeline,
) -> None:
    # The demand is not coded (no actor makes it), but the arrest has not happened.
    assert "17" not in roots(pipeline, "Many Shiites have demanded that the smugglers be arrested.")
    # Told as done, it happened.
    assert "17" in roots(pipeline, "Many Shiites have said that the smugglers were arrested.")


def test_withdrawing_a_peacekeeping_force_is_withdrawing_peacekeepers(pipeline: Pipeline) -> None:
    text = "Ghana withdrew its peacekeeping force from Liberia last week."
    assert "1661" in cameos(pipeline, text)
    # Troops of no peacekeeping mission are a military withdrawal.
    assert "0874" in cameos(pipeline, "Ghana withdrew its troops from Liberia last week.")
