"""A case worker's participant list, read from their unit's latest referral of each person
(selectors._unit_page, issue #13: the list cost 3.5-5 x the administrator's at national scale):
the same participants, count and order as before, i.e. as selectors._ordered() defines them (the
names the unit recorded on its latest referral, a later date first and on the same day the later
referral, then the participant's id), and nothing outside policy.participant_scope().
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.accounts import policy
from samverka.participants import selectors
from samverka.participants.accesslog import Purpose
from samverka.participants.models import AccessLogEntry, Participant, Referral

from .factories import ParticipantFactory, ReferralFactory, make_user

pytestmark = pytest.mark.django_db


def refer(world, person, unit, last_name, on, first_name="", partnership=None, **fields):
    return ReferralFactory(participant=person, partnership=partnership or world.p_mission,
                           referring_unit=unit, recorded_last_name=last_name,
                           recorded_first_name=first_name, requested_on=on, **fields)


@pytest.fixture
def crowd(world):
    """AMC's participants beside anna (Alfqvist) and cilla (Gamqvist) of the world, each
    placed in the order by one rule; outsider and ghost are referred by AMC but out of the list."""
    amc, utreda = world.amc, world.utreda
    people = {name: ParticipantFactory(municipality=world.town, last_name=name.capitalize())
              for name in ("zed", "yvonne", "xavier", "wilma", "erika", "vera", "ulf", "tina")}
    # zed: the later referral names him, though its name sorts last.
    refer(world, people["zed"], amc, "Aaa", date(2023, 5, 1))
    refer(world, people["zed"], amc, "Zzz", date(2024, 5, 1))
    # yvonne: another unit's later referral (and its name) is not AMC's.
    refer(world, people["yvonne"], amc, "Bbb", date(2023, 5, 1))
    refer(world, people["yvonne"], utreda, "Aaa", date(2024, 5, 1))
    # xavier: two referrals on the same day; the later one (higher id) names him.
    refer(world, people["xavier"], amc, "Ccc", date(2024, 5, 1))
    refer(world, people["xavier"], amc, "Abc", date(2024, 5, 1))
    # wilma: the latest referral was withdrawn; it still names her (and keeps her in scope).
    refer(world, people["wilma"], amc, "Aaberg", date(2023, 5, 1))
    refer(world, people["wilma"], amc, "Dahl", date(2024, 6, 1), status="withdrawn")
    # erika: only a withdrawn referral.
    refer(world, people["erika"], amc, "Ekholm", date(2024, 6, 1), status="withdrawn")
    # tina, vera, ulf: one surname; the first name (tina has the highest id), then the id
    # breaks the tie.
    refer(world, people["tina"], amc, "Lika", date(2024, 2, 1), "Anna",
          partnership=world.p_ikf)
    refer(world, people["vera"], amc, "Lika", date(2024, 2, 1), "Sara")
    refer(world, people["ulf"], amc, "Lika", date(2024, 2, 1), "Sara")
    # Referred by AMC, never listed: a person of another municipality, an anonymised one.
    people["outsider"] = ParticipantFactory(municipality=world.other_town)
    refer(world, people["outsider"], amc, "Cee", date(2024, 5, 1))
    people["ghost"] = ParticipantFactory(municipality=world.town, personal_number=None,
                                         anonymised_at=timezone.now())
    refer(world, people["ghost"], amc, "Cee", date(2024, 5, 1))
    return people


def expected(world, crowd):
    """AMC's list: (participant, the last name the list shows) in the order of the names."""
    return [(crowd["xavier"], "Abc"), (world.anna, "Alfqvist"), (crowd["yvonne"], "Bbb"),
            (crowd["wilma"], "Dahl"), (crowd["erika"], "Ekholm"), (world.cilla, "Gamqvist"),
            (crowd["tina"], "Lika"), (crowd["vera"], "Lika"), (crowd["ulf"], "Lika"),
            (crowd["zed"], "Zzz")]


def test_case_worker_pages_follow_the_units_latest_recorded_names(world, crowd, monkeypatch):
    """Pages of 3 through the whole list: every participant once, in the order of the names
    AMC recorded last, each page full but the last, the same total on every page."""
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    cecilia = world.users["case_worker"]
    seen = []
    for page in (1, 2, 3, 4, 5):
        rows, total = selectors.list_participants(cecilia, Purpose.CASEWORK, page=page)
        assert total == 10
        assert len(rows) == [3, 3, 3, 1, 0][page - 1], page
        seen += [(row.participant.pk, row.participant.last_name) for row in rows]
    assert seen == [(person.pk, name) for person, name in expected(world, crowd)]


def test_each_page_logs_the_ids_it_shows(world, crowd, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 4)
    cecilia = world.users["case_worker"]
    rows, total = selectors.list_participants(cecilia, Purpose.CASEWORK, page=2)
    entry = AccessLogEntry.objects.filter(username=cecilia.username).latest("pk")
    assert entry.action == AccessLogEntry.Action.LIST
    assert entry.detail["count"] == total == 10
    assert entry.detail["participant_ids"] == [row.participant.pk for row in rows] == [
        person.pk for person, _name in expected(world, crowd)[4:8]]


def test_other_unit_sees_its_own_names_and_people(world, crowd):
    tove = world.users["other_case_worker"]  # Team utreda: bo, and yvonne as "Aaa"
    rows, total = selectors.list_participants(tove, Purpose.CASEWORK)
    assert [(row.participant.pk, row.participant.last_name) for row in rows] == [
        (crowd["yvonne"].pk, "Aaa"), (world.bo.pk, "Betqvist")]
    assert total == 2


@pytest.mark.parametrize("role", ["case_worker", "other_case_worker"])
@pytest.mark.parametrize("in_partnership", [False, True])
def test_the_page_is_the_order_search_and_the_former_list_define(world, crowd, role,
                                                                in_partnership):
    """selectors._ordered() (the order of the search, and of the list before _unit_page) over
    the scoped participants, page by page, with and without a partnership's filter."""
    user = world.users[role]
    partnership_id = world.p_ikf.pk if in_partnership else None
    scoped = selectors.visible_participants(user).filter(anonymised_at__isnull=True)
    if partnership_id:
        scoped = scoped.filter(pk__in=selectors._in_partnership(partnership_id))
    reference = list(selectors._ordered(user, scoped).values_list("pk", flat=True))
    assert reference, "the world gives each case worker someone in each list"
    rows, total = selectors.list_participants(user, Purpose.CASEWORK,
                                              partnership_id=partnership_id)
    assert [row.participant.pk for row in rows] == reference
    assert total == len(reference)


def test_a_partnerships_list_keeps_the_case_workers_scope(world, crowd):
    cecilia = world.users["case_worker"]
    rows, total = selectors.list_participants(cecilia, Purpose.CASEWORK,
                                              partnership_id=world.p_ikf.pk)
    assert [row.participant.pk for row in rows] == [crowd["tina"].pk]  # not bo (utreda's)
    assert total == 1


def _unit_scope_ids(user):
    return set(Referral.objects.filter(policy.unit_referral_scope(user))
               .values_list("participant_id", flat=True))


def test_unit_referrals_give_exactly_the_participant_scope(world, crowd):
    """The referrals _unit_page walks reach exactly participant_scope(): for every case worker,
    one without a unit, and one no longer active; None for the roles not scoped by a unit."""
    users = dict(world.users)
    users["no_unit"] = make_user("utan", "case_worker", world.town,
                                 world.users["case_worker"].profile.organisation)
    users["inactive"] = make_user("slutat", "case_worker", world.town,
                                  world.users["case_worker"].profile.organisation, world.amc)
    get_user_model().objects.filter(pk=users["inactive"].pk).update(is_active=False)
    users["inactive"].refresh_from_db()
    case_workers = {"case_worker", "other_case_worker", "no_unit", "inactive"}
    for name, user in users.items():
        scope = set(Participant.objects.filter(policy.participant_scope(user))
                    .values_list("pk", flat=True))
        if name not in case_workers:
            assert policy.unit_referral_scope(user) is None, name
            continue
        assert _unit_scope_ids(user) == scope, name
    assert _unit_scope_ids(users["case_worker"]) >= {crowd["erika"].pk, crowd["ghost"].pk}
    assert crowd["outsider"].pk not in _unit_scope_ids(users["case_worker"])
    assert _unit_scope_ids(users["no_unit"]) == _unit_scope_ids(users["inactive"]) == set()
