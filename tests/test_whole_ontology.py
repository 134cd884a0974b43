"""Codes of the CAMEO codebook that only a purpose, a kind of object or a place tells
apart, each reached through the real pipeline.

Each sentence is written for this test. A protest takes the sub-code of what it demands
(leadership change, policy change, rights, institutions); an announced concession takes
the intent code of its kind; an aid cut, a bombing or a weapon takes the code of its
kind; a meeting in a country none of its parties belongs to is a meeting at a 'third'
location.
"""

from __future__ import annotations

import pytest

from herodotus.pipeline import Pipeline
from tests.coded import cameos

CASES = [
    # intent to change policy, to provide rights, to change institutions
    ("0342", "The Vietnamese government pledged to reverse its policy on land ownership."),
    ("0343", "Turkey will allow refugees to return home."),
    ("0344", "The Serbian president promised to democratize Serbia."),
    # a meeting at a 'third' location
    ("044", "The Peruvian foreign minister met his Chilean counterpart in Geneva on Tuesday."),
    # easing restrictions on political freedoms
    ("0811", "The Latvian government lifted the ban on protests."),
    # acceding to political reform, to rights; allowing international involvement
    ("083", "The Moroccan king introduced political reforms."),
    ("0833", "The Pakistani government granted citizenship to Afghan refugees."),
    ("086", "The Kyrgyz government allowed an international mission into the country."),
    # hunger strikes by purpose
    (
        "1421",
        "Jailed Egyptian activists began a hunger strike to demand the resignation of the "
        "Egyptian interior minister.",
    ),
    ("1422", "Jailed Egyptian activists began a hunger strike to demand political reforms."),
    ("1423", "Jailed Nepali activists began a hunger strike to demand equal rights."),
    (
        "1424",
        "Jailed Egyptian activists began a hunger strike to demand independence for their region.",
    ),
    # strikes by purpose
    (
        "1431",
        "Nepali opposition parties called a general strike to demand the resignation of the "
        "Nepali prime minister.",
    ),
    ("1432", "Nepali opposition parties called a general strike to demand political reforms."),
    (
        "1433",
        "Nepali opposition parties called a general strike to demand equal rights for women.",
    ),
    (
        "1434",
        "Nepali opposition parties called a general strike to demand autonomy for the region.",
    ),
    # blockades by purpose
    (
        "1441",
        "Nepali farmers blocked roads in Kathmandu to demand the resignation of the Nepali "
        "prime minister.",
    ),
    ("1442", "Nepali farmers blocked roads in Kathmandu to demand political reforms."),
    ("1443", "Nepali farmers blocked roads in Kathmandu to demand equal rights."),
    ("1444", "Nepali farmers blocked roads in Kathmandu to demand a referendum on independence."),
    # riots by purpose
    (
        "1451",
        "Nepali students rioted in Kathmandu to demand the resignation of the Nepali prime "
        "minister.",
    ),
    ("1452", "Nepali students rioted in Kathmandu to demand political reforms."),
    ("1453", "Nepali students rioted in Kathmandu to demand equal rights."),
    ("1454", "Nepali students rioted in Kathmandu to demand independence."),
    # cyber forces, aid cuts by kind
    ("155", "Iran established a cyber command against Israel."),
    ("1621", "Japan halted economic aid to Myanmar."),
    ("1622", "The United States suspended military aid to Egypt."),
    ("1623", "The United Nations reduced food supplies to Cambodian refugees in Thailand."),
    # bombings and weapons by kind
    ("1834", "Rebels planted a bomb under the bridge in Basra."),
    ("1951", "British aircraft dropped guided bombs on an Iraqi depot in Basra."),
    ("200", "Serbian troops committed atrocities against Kosovar civilians."),
    ("204", "Syrian forces used weapons of mass destruction against the rebels."),
]


@pytest.mark.parametrize(("code", "text"), CASES, ids=[c for c, _ in CASES])
def test_code_is_reached(pipeline: Pipeline, code: str, text: str) -> None:
    assert code in cameos(pipeline, text)


def test_a_protest_without_a_stated_purpose_keeps_its_plain_code(pipeline: Pipeline) -> None:
    assert "143" in cameos(
        pipeline, "Nepali opposition parties called a general strike against the government."
    )
    assert "1411" in cameos(
        pipeline,
        "Thousands of Kenyans demonstrated in Nairobi to demand the resignation of "
        "President Kamau.",
    )


def test_a_meeting_in_a_partys_own_country_is_no_third_location(pipeline: Pipeline) -> None:
    found = cameos(
        pipeline, "The Peruvian foreign minister met his Chilean counterpart in Lima on Tuesday."
    )
    assert "040" in found
    assert "044" not in found


def test_a_plain_aid_cut_and_a_plain_bomb_keep_theircameos(pipeline: Pipeline) -> None:
    assert "162" in cameos(pipeline, "Japan halted aid to Myanmar.")
    assert "195" in cameos(pipeline, "British aircraft dropped bombs on an Iraqi depot in Basra.")
