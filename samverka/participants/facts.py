"""The participant's and the referral's facts copied onto Placement for the statistics.

`Placement.stat_gender`, `stat_birth_year` (from the participant), `stat_route` (the
referral's referring unit, NULL without a referral) and `stat_referred_on` (the referral's
date) let the follow-up statistics split and measure in one pass over the placements, without
joining 1.6 M participants and 2 M referrals. Whatever writes a placement, a participant's
gender or birth year, or a referral's unit or date calls `sync_placement_facts` in the same
transaction (Placement/Participant/Referral.save() do it themselves; QuerySet.update() callers
must call it).
"""

from collections import Counter

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery

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


def _repeated():
    return Exists(Placement.objects.filter(
        participant_id=OuterRef("participant_id"), partnership_id=OuterRef("partnership_id"),
    ).exclude(pk=OuterRef("pk")))


def sync_repeated(participant_ids) -> int:
    """Recompute `stat_repeated` on every placement of the participants given."""
    if not participant_ids:
        return 0
    return Placement.objects.filter(participant_id__in=list(participant_ids)).update(
        stat_repeated=_repeated())


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
        updated = Placement.objects.filter(condition).update(**_copies())
        people = set(participant_ids)
        if placement_ids:
            people |= set(Placement.objects.filter(pk__in=list(placement_ids))
                          .values_list("participant_id", flat=True))
        sync_repeated(people)
        return updated


def repeated_flags(pairs) -> list[bool]:
    """For bulk writers: per (participant, partnership) of PAIRS (all placements of those
    participants) whether the pair occurs more than once."""
    counts = Counter(pairs)
    return [counts[pair] > 1 for pair in pairs]


def mismatched_placements(queryset=None) -> list[int]:
    """Ids of placements whose copies differ from their participant and referral (read with a
    join); empty when the copies are kept as they should be."""
    queryset = Placement.objects.all() if queryset is None else queryset
    pairs = Counter(Placement.objects.values_list("participant_id", "partnership_id"))
    rows = queryset.values_list(
        "pk", "stat_gender", "stat_birth_year", "stat_route", "stat_referred_on",
        "stat_repeated", "participant__gender", "participant__birth_year",
        "referral__referring_unit_id", "referral__requested_on", "participant_id",
        "partnership_id",
    ).order_by("pk")
    return [row[0] for row in rows
            if row[1:6] != (*row[6:10], pairs[(row[10], row[11])] > 1)]
