"""policy.participant_scope() as semi-joins: the same participants as before, each once, from
SQL that neither joins the placements and referrals nor needs DISTINCT (issue #13: a partner
staff's participant list cost 5–7.6 × the administrator's at national scale because the join
read every placement and referral of the country)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.accounts import policy
from samverka.participants import selectors
from samverka.participants.accesslog import Purpose
from samverka.participants.models import Participant
from samverka.partnerships.models import Party

from .factories import ParticipantFactory, PartnershipFactory, PlacementFactory, ReferralFactory

RESTRICTED = ["case_worker", "other_case_worker", "partner_staff", "other_partner_staff"]
TO_MANY_TABLES = ("participants_placement", "participants_referral")


def visible_ids(user) -> set[int]:
    return set(Participant.objects.filter(policy.participant_scope(user))
               .values_list("pk", flat=True))


def joined_tables(sql: str) -> set[str]:
    return set(re.findall(r'JOIN "(\w+)"', sql))


@pytest.fixture
def more(world):
    """Participants reaching the partner organisations and units by one route each."""
    town = world.town
    people = {name: ParticipantFactory(municipality=town, last_name=name.capitalize())
              for name in ("erik", "frida", "gustav", "hanna", "ines")}
    # erik: placed in Stadsmissionen's partnership without any referral.
    PlacementFactory(participant=people["erik"], partnership=world.p_mission)
    # frida: referred by Team utreda to Stadsmissionen's partnership with consent, not placed.
    ReferralFactory(participant=people["frida"], partnership=world.p_mission,
                    referring_unit=world.utreda, consent_to_share=True)
    # gustav: referred by AMC to IKF's partnership without consent, not placed.
    ReferralFactory(participant=people["gustav"], partnership=world.p_ikf,
                    referring_unit=world.amc, consent_to_share=False)
    # hanna: placed twice and referred twice (with consent) in Stadsmissionen's partnership.
    for start in (date(2023, 3, 1), date(2024, 3, 1)):
        referral = ReferralFactory(participant=people["hanna"], partnership=world.p_mission,
                                   referring_unit=world.amc, consent_to_share=True)
        PlacementFactory(participant=people["hanna"], partnership=world.p_mission,
                         referral=referral, start=start)
    # ines: placed in a partnership where IKF is a co-party (not the main partner).
    shared = PartnershipFactory(municipality=town, name="Gemensamt", partner=world.mission)
    Party.objects.create(partnership=shared, organisation=world.ikf, role="co_party")
    PlacementFactory(participant=people["ines"], partnership=shared)
    return people


def test_partner_staff_see_placed_and_consenting_referred_only(world, more):
    ids = {name: person.pk for name, person in more.items()}
    petra = visible_ids(world.users["partner_staff"])  # Stadsmissionen
    assert petra == {world.anna.pk, ids["erik"], ids["frida"], ids["hanna"], ids["ines"]}
    ivan = visible_ids(world.users["other_partner_staff"])  # IKF: gustav has no consent
    assert ivan == {world.bo.pk, ids["ines"]}


def test_case_workers_see_their_units_referrals_whatever_the_consent(world, more):
    ids = {name: person.pk for name, person in more.items()}
    cecilia = visible_ids(world.users["case_worker"])  # AMC
    assert cecilia == {world.anna.pk, world.cilla.pk, ids["gustav"], ids["hanna"]}
    tove = visible_ids(world.users["other_case_worker"])  # Team utreda
    assert tove == {world.bo.pk, ids["frida"]}


def test_no_one_sees_another_municipality(world, more):
    for role in RESTRICTED + ["admin", "officer"]:
        assert world.dora.pk not in visible_ids(world.users[role]), role
    assert visible_ids(world.users["outsider"]) == {world.dora.pk}
    assert visible_ids(world.users["committee"]) == set()


@pytest.mark.parametrize("role", RESTRICTED)
def test_scope_reads_placements_and_referrals_as_semi_joins(world, more, role):
    sql = str(selectors.visible_participants(world.users[role]).query)
    assert not joined_tables(sql) & set(TO_MANY_TABLES)
    assert "DISTINCT" not in sql
    assert " IN (SELECT " in sql


@pytest.mark.parametrize("role", RESTRICTED)
def test_visible_rows_need_no_distinct(world, more, role):
    user = world.users[role]
    for rows in (selectors.visible_referrals(user), selectors.visible_placements(user)):
        sql = str(rows.query)
        assert "DISTINCT" not in sql
        assert rows.model._meta.db_table not in joined_tables(sql)  # not joined to itself
        ids = list(rows.values_list("pk", flat=True))
        assert len(ids) == len(set(ids))


@pytest.mark.parametrize("role", RESTRICTED + ["admin"])
def test_list_page_counts_each_participant_once_without_distinct(world, more, role):
    user = world.users[role]
    with CaptureQueriesContext(connection) as captured:
        rows, total = selectors.list_participants(user, Purpose.CASEWORK)
    assert total == len(visible_ids(user)) == len(rows)
    assert [row.participant.pk for row in rows] == list(dict.fromkeys(
        row.participant.pk for row in rows))
    for query in captured.captured_queries:
        sql = query["sql"]
        if 'FROM "participants_participant"' in sql:
            assert "DISTINCT" not in sql, sql
            assert not joined_tables(sql) & set(TO_MANY_TABLES), sql


def test_list_of_one_partnership_keeps_every_route(world, more):
    admin = world.users["admin"]
    rows, total = selectors.list_participants(admin, Purpose.CASEWORK,
                                              partnership_id=world.p_mission.pk)
    names = {row.participant.last_name for row in rows}
    assert names == {"Alfqvist", "Gamqvist", "Erik", "Frida", "Hanna"}
    assert total == 5


def test_case_worker_list_is_ordered_by_the_units_latest_recorded_names(world):
    """The case worker's page reads the order from their unit's latest referral of each
    person (later date, or on the same day the later referral), never another unit's."""
    def refer(person, unit, last_name, on):
        ReferralFactory(participant=person, partnership=world.p_mission, referring_unit=unit,
                        recorded_last_name=last_name, requested_on=on)

    zed, yvonne, xavier = (ParticipantFactory(municipality=world.town) for _ in range(3))
    refer(zed, world.amc, "Aaa", date(2023, 5, 1))
    refer(zed, world.amc, "Zzz", date(2024, 5, 1))
    refer(yvonne, world.amc, "Bbb", date(2023, 5, 1))
    refer(yvonne, world.utreda, "Aaa", date(2024, 5, 1))
    refer(xavier, world.amc, "Ccc", date(2024, 5, 1))
    refer(xavier, world.amc, "Abc", date(2024, 5, 1))
    cecilia = world.users["case_worker"]
    rows, total = selectors.list_participants(cecilia, Purpose.CASEWORK)
    assert total == 5
    assert [row.participant.last_name for row in rows] == [
        "Abc", "Alfqvist", "Bbb", "Gamqvist", "Zzz"]
    found = selectors.search_participants(cecilia, Purpose.CASEWORK, "b")
    assert [row.participant.last_name for row in found] == ["Abc", "Bbb"]
