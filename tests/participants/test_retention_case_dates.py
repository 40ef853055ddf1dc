"""Retention runs on the case's own dates (referrals, decisions, placements, exits, weeks,
assessments), never on when a row was written: data loaded today with a 2019 history is past
the limit, and one recent case date of any kind keeps a participant."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from samverka.impact import actions as impact_actions
from samverka.impact.models import Assessment
from samverka.participants import retention
from samverka.participants.models import Participant, Placement, WeeklyActivity

from .factories import ParticipantFactory, PlacementFactory, ReferralFactory

FROZEN = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)  # cutoff with 5 years: 2021-06-15
OLD_TIME = datetime(2019, 1, 1, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FROZEN)


def listed(output: str) -> set[int]:
    return {int(found) for found in re.findall(r"deltagare (\d+): senaste", output)}


def old_case(world, first_name, created_at=None):
    """A participant referred by AMC in 2019, placed 2019-03-01 to 2020-05-31 (exit: work)."""
    extra = {"created_at": created_at} if created_at else {}
    person = ParticipantFactory(municipality=world.town, first_name=first_name, **extra)
    referral = ReferralFactory(participant=person, partnership=world.p_ikf,
                               referring_unit=world.amc, requested_on=date(2019, 2, 1),
                               status="accepted", decided_on=date(2019, 2, 10))
    placement = PlacementFactory(participant=person, partnership=world.p_ikf, referral=referral,
                                 start=date(2019, 3, 1), end=date(2020, 5, 31), outcome="work")
    return person, referral, placement


def test_history_loaded_today_is_past_the_limit(world, frozen, capsys):
    """Rows written today (created_at = now) with a 2019–2020 case: selected by the dry run."""
    person, _referral, placement = old_case(world, "Inläst")
    WeeklyActivity.objects.create(municipality=world.town, placement=placement,
                                  week_start=date(2020, 5, 25), hours=12)
    assert person.created_at.date() > retention.cutoff(timezone.localdate(), 5)  # written now
    found = {c.participant_id: c.last_entry for c in retention.candidates(
        timezone.localdate(), 5)}
    assert found[person.pk] == date(2020, 5, 31)  # the exit, the latest case date
    call_command("gallra_deltagare")
    output = capsys.readouterr().out
    assert f"deltagare {person.pk}: senaste datum i ärendet 2020-05-31" in output
    assert person.personal_number not in output and "Inläst" not in output


@pytest.fixture
def instrument_version(world):
    return impact_actions.create_instrument_version(world.users["officer"], "Testinstrument", [
        impact_actions.DimensionInput("svenska", "Svenska språket",
                                      [(v, f"Steg {v}") for v in range(1, 6)]),
    ])


RECENT = date(2021, 6, 15)  # the cutoff day itself: not before it, so kept


@pytest.mark.parametrize("kind", ["referral", "decision", "placement_start", "exit", "week",
                                  "assessment"])
def test_one_recent_case_date_keeps_the_participant(world, frozen, instrument_version, kind):
    """Written long ago (created_at 2019) with an old case, plus one case date on the cutoff
    day: kept whatever kind of date it is."""
    person, referral, placement = old_case(world, "Kvar", created_at=OLD_TIME)
    if kind == "referral":
        ReferralFactory(participant=person, partnership=world.p_mission,
                        referring_unit=world.amc, requested_on=RECENT)
    elif kind == "decision":
        referral.decided_on = RECENT
        referral.save()
    elif kind == "placement_start":
        PlacementFactory(participant=person, partnership=world.p_mission, start=RECENT,
                         end=RECENT, outcome="studies")
    elif kind == "exit":
        placement.end = RECENT
        placement.save()
    elif kind == "week":
        placement.end = date(2020, 5, 31)
        WeeklyActivity.objects.create(municipality=world.town, placement=placement,
                                      week_start=date(2020, 5, 25), hours=10)
        # A week after the recorded end is still a case date (a late correction).
        WeeklyActivity.objects.create(municipality=world.town, placement=placement,
                                      week_start=RECENT, hours=10)
    elif kind == "assessment":
        Assessment.objects.create(municipality=world.town, participant=person,
                                  partnership=world.p_ikf, version=instrument_version,
                                  date=RECENT, stage="exit", assessor="Handledare")
    ids = {c.participant_id for c in retention.candidates(timezone.localdate(), 5)}
    assert person.pk not in ids
    # The same participant without the recent date is past the limit.
    twin, _r, _p = old_case(world, "Tvilling", created_at=OLD_TIME)
    assert twin.pk in {c.participant_id for c in retention.candidates(
        timezone.localdate(), 5)}


def test_participant_without_case_dates_is_reported_not_anonymised(world, frozen, capsys):
    lone = ParticipantFactory(municipality=world.town, created_at=OLD_TIME)
    assert lone.pk not in {c.participant_id for c in retention.candidates(
        timezone.localdate(), 5)}
    call_command("gallra_deltagare")
    assert "1 deltagare saknar datum i ärendet" in capsys.readouterr().out


def test_anonymising_removes_the_recorded_names_too(world, frozen):
    person, referral, _placement = old_case(world, "Borta")
    assert referral.recorded_first_name == "Borta"
    call_command("gallra_deltagare", "--utfor", verbosity=0)
    referral.refresh_from_db()
    assert (referral.recorded_first_name, referral.recorded_last_name) == ("", "")
    assert Participant.objects.get(pk=person.pk).anonymised_at == FROZEN


def test_demo_dry_run_lists_the_participants_of_2019_and_2020(db, frozen, capsys):
    """The demo is loaded today; its participants whose placements ended in 2019–2020 (and
    nothing later) are listed, and nobody with a case date after the cutoff."""
    call_command("load_demo", verbosity=0)
    capsys.readouterr()
    call_command("gallra_deltagare")
    output = capsys.readouterr().out
    shown = listed(output)
    ended_early = set(
        Participant.objects.annotate(last_end=Max("placements__end"))
        .filter(last_end__year__in=[2019, 2020])
        .exclude(placements__end__isnull=True, placements__isnull=False)
        .exclude(referrals__requested_on__gte=date(2021, 1, 1))
        .exclude(assessments__date__gte=date(2021, 1, 1))
        .values_list("pk", flat=True)
    )
    assert len(ended_early) > 50  # the demo has a real 2019–2020 history
    assert ended_early <= shown
    assert Placement.objects.filter(participant_id__in=shown, end__isnull=True).count() == 0
    limit = retention.cutoff(timezone.localdate(), 5)
    for person in Participant.objects.filter(pk__in=shown).prefetch_related(
            "placements", "referrals"):
        assert all((p.end or p.start) < limit for p in person.placements.all())
        assert all(r.requested_on < limit for r in person.referrals.all())
    assert "Torrkörning" in output and f"{len(shown)} deltagare skulle avidentifieras" in output
    assert Participant.objects.filter(anonymised_at__isnull=False).count() == 0
