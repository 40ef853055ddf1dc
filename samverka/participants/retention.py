"""Retention: anonymise participants whose last entry is older than the retention time.

The access log and the statistical fields (gender, birth year, dates, hours, outcomes, routes)
survive; names, numbers, action-plan references and free text are removed.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from . import accesslog
from .accesslog import Purpose
from .facts import sync_placement_facts
from .models import AccessLogEntry, Participant, Referral

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


def candidates(today: date, years: int) -> list[Candidate]:
    """Participants not yet anonymised whose last entry is before the cutoff and who have no
    running placement."""
    old = date(1900, 1, 1)
    people = (
        Participant.objects.filter(anonymised_at__isnull=True)
        .exclude(placements__end__isnull=True, placements__isnull=False)
        .annotate(last_entry=Greatest(
            TruncDate("created_at"),
            Coalesce(Max("referrals__requested_on"), old),
            Coalesce(Max("referrals__decided_on"), old),
            Coalesce(Max("placements__start"), old),
            Coalesce(Max("placements__end"), old),
            Coalesce(Max("placements__weeks__week_start"), old),
        ))
        .filter(last_entry__lt=cutoff(today, years))
        .order_by("pk")
    )
    return [Candidate(p.pk, p.last_entry) for p in people]


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
            decline_reason="",
        )
        # Gender, birth year and routes survive anonymisation; recopying keeps the placements'
        # statistics copies provably equal to what is left (QuerySet.update() skips save()).
        sync_placement_facts(participant_ids=ids)
    return len(people)
