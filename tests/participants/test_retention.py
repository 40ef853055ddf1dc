"""The retention command, with a frozen clock, anonymises exactly the participants past the
limit and keeps the access log and the statistics unchanged."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from samverka.participants.models import AccessLogEntry, Participant, Placement

from .factories import ParticipantFactory, PlacementFactory, ReferralFactory

FROZEN = datetime(2030, 6, 15, 10, 0, tzinfo=UTC)  # cutoff with 5 years: 2025-06-15


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FROZEN)


@pytest.fixture
def people(world):
    old = dict(municipality=world.town, created_at=datetime(2019, 1, 1, tzinfo=UTC))
    ended_long_ago = ParticipantFactory(**old, first_name="Gammal")
    PlacementFactory(participant=ended_long_ago, partnership=world.p_mission,
                     start=date(2019, 2, 1), end=date(2025, 6, 14), outcome="work")
    ended_recently = ParticipantFactory(**old, first_name="Nyligen")
    PlacementFactory(participant=ended_recently, partnership=world.p_mission,
                     start=date(2019, 2, 1), end=date(2025, 6, 15), outcome="studies")
    still_running = ParticipantFactory(**old, first_name="Pågår")
    PlacementFactory(participant=still_running, partnership=world.p_ikf, start=date(2019, 2, 1))
    only_referral = ParticipantFactory(**old, first_name="Anvisad")
    ReferralFactory(participant=only_referral, partnership=world.p_ikf,
                    referring_unit=world.amc, requested_on=date(2020, 3, 1),
                    action_plan_reference="HP-GAMMAL")
    # The world's own participants were registered today in real time, but the clock runs
    # on their case dates: anna and bo have running placements and are kept; cilla's only
    # date is her unanswered referral of 2024-01-10, so she is past the limit.
    return {"old": ended_long_ago, "recent": ended_recently, "running": still_running,
            "referral": only_referral}


def statistics():
    return list(
        Placement.objects.values("partnership_id", "start", "end", "outcome",
                                 "participant__gender", "participant__birth_year",
                                 "is_individual_agreement", "individual_cost")
        .annotate(n=Count("id")).order_by("partnership_id", "start", "end", "outcome",
                                           "participant__birth_year")
    )


def log_rows():
    return list(AccessLogEntry.objects.order_by("pk").values())


def test_dry_run_changes_nothing(world, people, frozen, capsys):
    before = list(Participant.objects.order_by("pk").values())
    call_command("gallra_deltagare")
    output = capsys.readouterr().out
    assert "Torrkörning" in output
    assert f"deltagare {people['old'].pk}:" in output
    assert f"deltagare {people['recent'].pk}:" not in output
    assert list(Participant.objects.order_by("pk").values()) == before
    for person in Participant.objects.all():
        assert person.personal_number not in output


def test_apply_anonymises_exactly_those_past_the_limit(world, people, frozen, login):
    login(world.users["admin"]).get(f"/deltagare/{people['old'].pk}/")  # an earlier access
    stats, log = statistics(), log_rows()
    call_command("gallra_deltagare", "--utfor", verbosity=0)
    anonymised = set(Participant.objects.filter(anonymised_at__isnull=False)
                     .values_list("pk", flat=True))
    expected = {people["old"].pk, people["referral"].pk, world.cilla.pk}
    assert anonymised == expected
    for person in Participant.objects.filter(pk__in=expected):
        assert person.personal_number is None and person.first_name == ""
        assert person.last_name == "" and person.anonymised_at == FROZEN
        assert person.gender and person.birth_year  # statistics fields stay
        assert not person.referrals.exclude(action_plan_reference="").exists()
    kept = Participant.objects.get(pk=people["recent"].pk)
    assert kept.personal_number and kept.first_name == "Nyligen"
    # Statistics and the earlier log are unchanged; one anonymisation entry per person added.
    assert statistics() == stats
    assert log_rows()[: len(log)] == log
    added = AccessLogEntry.objects.filter(action="anonymise")
    assert sorted(added.values_list("participant_id", flat=True)) == sorted(expected)
    assert all(entry.at == FROZEN for entry in added)
    # Running it again finds nothing more.
    call_command("gallra_deltagare", "--utfor", verbosity=0)
    assert AccessLogEntry.objects.filter(action="anonymise").count() == len(expected)
