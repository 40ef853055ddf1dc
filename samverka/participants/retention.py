"""Retention: anonymise participants whose latest case date is older than the retention time.

The access log and the statistical fields (gender, birth year, dates, hours, outcomes, routes)
survive; names, numbers, action-plan references and free text are removed.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import accesslog
from .accesslog import Purpose
from .facts import sync_placement_facts
from .models import AccessLogEntry, Participant, Placement, Referral, WeeklyActivity

DEFAULT_YEARS = 5


def retention_years() -> int:
    return int(getattr(settings, "PARTICIPANT_RETENTION_YEARS", DEFAULT_YEARS))


def cutoff(today: date, years: int) -> date:
    """The date YEARS before TODAY (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@dataclass
class Candidate:
    participant_id: int
    last_entry: date


UNDATED = date(1900, 1, 1)


def _latest(model, field: str, path: str = "participant"):
    """The latest FIELD of MODEL's rows about the participant (through PATH), or UNDATED."""
    rows = model.objects.filter(**{path: OuterRef("pk")}).order_by() \
        .values(path).annotate(latest=Max(field)).values("latest")[:1]
    return Coalesce(Subquery(rows, output_field=DateField()), UNDATED)


def case_dates():
    """The dates of a participant's case, latest first in meaning: referred and answered,
    placed, ended (exit), weeks of activity, progression assessments. Never when a row was
    written: imported or demo data keeps its real dates."""
    from samverka.impact.models import Assessment

    return [
        _latest(Referral, "requested_on"),
        _latest(Referral, "decided_on"),
        _latest(Placement, "start"),
        _latest(Placement, "end"),
        _latest(WeeklyActivity, "week_start", "placement__participant"),
        _latest(Assessment, "date"),
    ]


def _dated(people):
    return people.annotate(last_entry=Greatest(*case_dates()))


def _ended(people):
    """Without a running placement (no end yet)."""
    running = Placement.objects.filter(participant=OuterRef("pk"), end__isnull=True)
    return people.filter(anonymised_at__isnull=True).exclude(Exists(running))


def candidates(today: date, years: int) -> list[Candidate]:
    """Participants not yet anonymised whose latest case date is before the cutoff and who have
    no running placement."""
    people = (
        _dated(_ended(Participant.objects.all()))
        .filter(last_entry__lt=cutoff(today, years), last_entry__gt=UNDATED)
        .order_by("pk")
    )
    return [Candidate(p.pk, p.last_entry) for p in people]


def undated_count() -> int:
    """Participants with no case date at all: not anonymised automatically, to be reviewed."""
    return _dated(Participant.objects.filter(anonymised_at__isnull=True)) \
        .filter(last_entry=UNDATED).count()


def anonymise(participant_ids: list[int], now=None) -> int:
    """Remove the personal data of the participants; one log entry each. All or nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        people = list(Participant.objects.select_for_update().filter(
            pk__in=participant_ids, anonymised_at__isnull=True))
        for person in people:
            Participant.objects.filter(pk=person.pk).update(
                personal_number=None, identity_reason="", first_name="", last_name="",
                anonymised_at=now, identity_kind=Participant.IdentityKind.NONE,
            )
            accesslog.write(None, AccessLogEntry.Action.ANONYMISE, Purpose.RETENTION,
                            participant=person, municipality_id=person.municipality_id,
                            changed_fields=["personal_number", "first_name", "last_name",
                                            "identity_reason"])
        ids = [p.pk for p in people]
        Referral.objects.filter(participant_id__in=ids).update(
            action_plan_reference="", note="", case_worker=None,
            decline_reason="", recorded_first_name="", recorded_last_name="",
        )
        from samverka.impact.models import Assessment

        Assessment.objects.filter(participant_id__in=ids).update(comment="")
        # Gender, birth year and routes survive anonymisation; recopying keeps the placements'
        # statistics copies provably equal to what is left (QuerySet.update() skips save()).
        sync_placement_facts(participant_ids=ids)
    return len(people)
