"""The participant's and the referral's facts copied onto Placement for the statistics.

`Placement.stat_gender`, `stat_birth_year` (from the participant), `stat_route` (the
referral's referring unit, NULL without a referral) and `stat_referred_on` (the referral's
date) let the follow-up statistics split and measure in one pass over the placements, without
joining 1.6 M participants and 2 M referrals. Whatever writes a placement, a participant's
gender or birth year, or a referral's unit or date calls `sync_placement_facts` in the same
transaction (Placement/Participant/Referral.save() do it themselves; QuerySet.update() callers
must call it).
"""

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from .models import Participant, Placement, Referral


def _copies() -> dict:
    person = Participant.objects.filter(pk=OuterRef("participant_id"))
    referral = Referral.objects.filter(pk=OuterRef("referral_id"))
    return {
        "stat_gender": Subquery(person.values("gender")[:1]),
        "stat_birth_year": Subquery(person.values("birth_year")[:1]),
        "stat_route": Subquery(referral.values("referring_unit_id")[:1]),
        "stat_referred_on": Subquery(referral.values("requested_on")[:1]),
    }


def sync_placement_facts(*, placement_ids=(), participant_ids=(), referral_ids=()) -> int:
    """Recopy the facts onto the placements given, of the participants and of the referrals
    given (one UPDATE); returns the number of placements updated."""
    condition = Q()
    if placement_ids:
        condition |= Q(pk__in=list(placement_ids))
    if participant_ids:
        condition |= Q(participant_id__in=list(participant_ids))
    if referral_ids:
        condition |= Q(referral_id__in=list(referral_ids))
    if not condition:
        return 0
    with transaction.atomic():
        return Placement.objects.filter(condition).update(**_copies())


def mismatched_placements(queryset=None) -> list[int]:
    """Ids of placements whose copies differ from their participant and referral (read with a
    join); empty when the copies are kept as they should be."""
    queryset = Placement.objects.all() if queryset is None else queryset
    rows = queryset.values_list(
        "pk", "stat_gender", "stat_birth_year", "stat_route", "stat_referred_on",
        "participant__gender", "participant__birth_year", "referral__referring_unit_id",
        "referral__requested_on",
    ).order_by("pk")
    return [row[0] for row in rows if row[1:5] != row[5:9]]
