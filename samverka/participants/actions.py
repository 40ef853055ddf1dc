"""Writes of participant data: each in one transaction with its access-log entry.

If the log entry cannot be written the whole change is rolled back (AccessLogUnavailable).
Bad input raises ValidationError with messages per field, and nothing is saved.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.partnerships.models import Partnership, ReferringUnit

from . import accesslog, identity, lifecycle, selectors
from .accesslog import Purpose
from .facts import sync_placement_facts
from .models import AccessLogEntry, Gender, Participant, Placement, Referral, WeeklyActivity

Action = AccessLogEntry.Action


Conflict = lifecycle.Conflict  # one optimistic-locking error for every participant action


class OverCapacity(ValidationError):
    """Accepting would put the partnership over its places or capacity."""


def _check(user, permission):
    if not policy.can(user, permission):
        raise PermissionDenied


def _profile(user):
    profile = policy.profile_of(user)
    if profile is None:
        raise PermissionDenied
    return profile


@dataclass
class IdentityInput:
    kind: str  # Participant.IdentityKind
    number: str = ""
    reason: str = ""
    first_name: str = ""
    last_name: str = ""
    gender: str = ""
    birth_year: int | None = None


def _resolve_identity(data: IdentityInput, municipality_id, today) -> dict:
    """Validated identity fields for a participant; ValidationError on the field otherwise."""
    kinds = Participant.IdentityKind
    if data.kind in (kinds.PERSONNUMMER, kinds.SAMORDNINGSNUMMER):
        try:
            parsed = identity.parse(data.number, today)
        except identity.IdentityError as error:
            raise ValidationError({"number": _(error.args[0])}) from error
        gender = data.gender or (Gender.WOMAN if parsed.is_female else Gender.MAN)
        return {"identity_kind": parsed.kind, "personal_number": parsed.number,
                "birth_year": parsed.birth_year, "gender": gender, "identity_reason": ""}
    if data.kind in (kinds.PROTECTED, kinds.NONE):
        if not data.reason.strip():
            raise ValidationError({"reason": _("Ange skälet till att nummer saknas.")})
        return {"identity_kind": data.kind, "personal_number": None,
                "birth_year": data.birth_year, "gender": data.gender or Gender.UNKNOWN,
                "identity_reason": data.reason.strip()}
    raise ValidationError({"kind": _("Välj typ av identitet.")})


def active_count(partnership, on: date, exclude_participant=None) -> int:
    """Participants with a running IOP placement in PARTNERSHIP on ON."""
    placements = Placement.objects.filter(
        partnership=partnership, is_individual_agreement=False, start__lte=on
    ).filter(Q(end__isnull=True) | Q(end__gte=on))
    if exclude_participant is not None:
        placements = placements.exclude(participant=exclude_participant)
    return placements.values("participant").distinct().count()


def capacity_of(partnership) -> int | None:
    return partnership.capacity or partnership.places


def would_exceed_capacity(partnership, on: date, participant=None) -> bool:
    limit = capacity_of(partnership)
    return limit is not None and active_count(partnership, on, participant) + 1 > limit


def _partnership_for(user, partnership_id) -> Partnership:
    profile = _profile(user)
    partnership = Partnership.objects.filter(
        pk=partnership_id, municipality_id=profile.municipality_id
    ).first()
    if partnership is None:
        raise ValidationError({"partnership": _("Välj ett partnerskap i din kommun.")})
    return partnership


@transaction.atomic
def register_referral(user, *, person: IdentityInput, partnership_id, referring_unit_id,
                      requested_on: date, planned_hours_per_week=None,
                      action_plan_reference="", consent_to_share=False, note="") -> Referral:
    """A case worker's (or officer's) referral; the participant is created or found by number."""
    _check(user, policy.REFER_PARTICIPANTS)
    profile = _profile(user)
    today = timezone.localdate()
    fields = _resolve_identity(person, profile.municipality_id, today)
    partnership = _partnership_for(user, partnership_id)
    unit = ReferringUnit.objects.filter(
        pk=referring_unit_id, municipality_id=profile.municipality_id
    ).first()
    if unit is None:
        raise ValidationError({"referring_unit": _("Välj en anvisningsväg.")})
    if not policy.may_refer_from_unit(user, unit):
        raise ValidationError({"referring_unit": _("Du kan bara anvisa från din egen enhet.")})
    if requested_on > today:
        raise ValidationError({"requested_on": _("Anvisningsdatum kan inte ligga i framtiden.")})
    lifecycle.check_agreement_in_force(partnership, requested_on)
    if planned_hours_per_week is not None and not (0 < planned_hours_per_week <= 60):
        raise ValidationError(
            {"planned_hours_per_week": _("Ange mellan 0 och 60 timmar per vecka.")}
        )
    first_name, last_name = person.first_name.strip(), person.last_name.strip()
    participant, created = _participant_for(profile.municipality_id, fields, first_name,
                                            last_name)
    # The capacity check counts the person's own running place only when USER may see it:
    # otherwise the warning would tell whether another unit has placed the person.
    own_place = created or selectors.visible_placements(user).filter(
        participant=participant, partnership=partnership).exists()
    referral = Referral.objects.create(
        municipality_id=profile.municipality_id, partnership=partnership,
        participant=participant, referring_unit=unit, case_worker=user,
        requested_on=requested_on, planned_hours_per_week=planned_hours_per_week,
        action_plan_reference=action_plan_reference.strip(),
        consent_to_share=consent_to_share, note=note.strip(),
        recorded_first_name=first_name, recorded_last_name=last_name,
        recorded_gender=fields["gender"],
        over_capacity=would_exceed_capacity(partnership, requested_on,
                                            participant if own_place else None),
    )
    changed = ["partnership", "referring_unit", "requested_on", "planned_hours_per_week",
               "action_plan_reference", "consent_to_share", "recorded_first_name",
               "recorded_last_name", "recorded_gender"]
    if created:
        changed += ["identity_kind", "personal_number", "first_name", "last_name", "gender",
                    "birth_year"]
    accesslog.write(user, Action.CREATE, Purpose.CASEWORK, participant=participant,
                    obj=referral, changed_fields=changed,
                    detail={"identity": "new" if created else "matched"})
    return referral


class RegistrationConflict(ValidationError):
    """The same personnummer was being registered at the same moment and could not be linked."""


def _participant_for(municipality_id, fields, first_name, last_name):
    """The participant with the personnummer in FIELDS, or a new one: (participant, created).

    Two registrations of one new number at once: the second insert fails on the unique
    constraint inside its savepoint and then finds the row the first one committed. The
    database error (whose text holds the number) is never raised or logged.
    """
    number = fields["personal_number"]
    for _attempt in range(3):
        if number:
            found = Participant.objects.select_for_update().filter(
                municipality_id=municipality_id, personal_number=number).first()
            if found is not None:
                return found, False
        try:
            with transaction.atomic():
                return Participant.objects.create(
                    municipality_id=municipality_id, first_name=first_name,
                    last_name=last_name, **fields), True
        except IntegrityError:
            if not number:
                raise
    raise RegistrationConflict({"number": _(
        "Anvisningen kunde inte sparas eftersom samma person registrerades samtidigt av "
        "någon annan. Skicka formuläret igen."
    )})


REFERRAL_EDITABLE = {"planned_hours_per_week", "action_plan_reference", "consent_to_share",
                     "note", "requested_on", "partnership_id"}


@transaction.atomic
def update_referral(user, referral_id, expected_version: int, **changes) -> Referral:
    """Change a referral if nobody else has since VERSION (optimistic locking)."""
    referral = selectors.visible_referrals(user).filter(pk=referral_id).first()
    if referral is None or not policy.can(user, policy.EDIT_REFERRALS):
        raise Http404
    unknown = set(changes) - REFERRAL_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "partnership_id" in changes:
        partnership = _partnership_for(user, changes["partnership_id"])
        changes["partnership_id"] = partnership.pk
        if partnership.pk != referral.partnership_id:
            if referral.status == Referral.Status.ACCEPTED:
                raise ValidationError({"partnership": lifecycle.ACCEPTED_MOVE})
            lifecycle.check_agreement_in_force(
                partnership, changes.get("requested_on") or referral.requested_on)
    hours = changes.get("planned_hours_per_week")
    if hours is not None and not (0 < hours <= 60):
        raise ValidationError(
            {"planned_hours_per_week": _("Ange mellan 0 och 60 timmar per vecka.")}
        )
    if changes.get("requested_on") and changes["requested_on"] > timezone.localdate():
        raise ValidationError({"requested_on": _("Anvisningsdatum kan inte ligga i framtiden.")})
    changed = sorted(
        name for name, value in changes.items() if getattr(referral, name) != value
    )
    updated = Referral.objects.filter(pk=referral.pk, version=expected_version).update(
        **changes, version=F("version") + 1
    )
    if updated != 1:
        raise Conflict(Referral.objects.get(pk=referral.pk))
    # QuerySet.update() bypasses save(): recopy the referral's date onto its placements.
    sync_placement_facts(referral_ids=[referral.pk])
    referral.refresh_from_db()
    accesslog.write(user, Action.CHANGE, Purpose.CASEWORK, participant=referral.participant,
                    obj=referral, changed_fields=changed)
    return referral


def _check_placement_dates(participant, partnership, start, end, planned_end, exclude=None):
    errors = {}
    if end is not None and end < start:
        errors["end"] = _("Slutdatum kan inte ligga före startdatum.")
    if planned_end is not None and planned_end < start:
        errors["planned_end"] = _("Planerat slutdatum kan inte ligga före startdatum.")
    if errors:
        raise ValidationError(errors)
    # Lock the participant so that two overlapping placements cannot be saved at once.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    far = date.max
    overlapping = Placement.objects.filter(
        participant=participant, partnership=partnership, start__lte=end or far
    ).filter(Q(end__isnull=True) | Q(end__gte=start))
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    if overlapping.exists():
        raise ValidationError({"start": _(
            "Deltagaren har redan en placering i partnerskapet under den perioden."
        )})


def _new_placement(user, participant, partnership, *, start, hours_per_week=None,
                   planned_end=None, referral=None, is_individual_agreement=False,
                   individual_cost=None) -> Placement:
    if hours_per_week is not None and not (0 < hours_per_week <= 60):
        raise ValidationError({"hours_per_week": _("Ange mellan 0 och 60 timmar per vecka.")})
    if is_individual_agreement and individual_cost is None:
        raise ValidationError(
            {"individual_cost": _("Ange kostnaden för det individuella avtalet.")}
        )
    if not is_individual_agreement:
        individual_cost = None
    _check_placement_dates(participant, partnership, start, None, planned_end)
    # Placement.save() copies the participant's gender and birth year and the referral's route
    # and date (the participant row is locked above).
    return Placement.objects.create(
        municipality_id=participant.municipality_id, partnership=partnership,
        participant=participant, referral=referral, start=start, planned_end=planned_end,
        hours_per_week=hours_per_week, is_individual_agreement=is_individual_agreement,
        individual_cost=individual_cost,
    )


class Decision:
    ACCEPT = "accept"
    DECLINE = "decline"
    WAIT = "wait"


@transaction.atomic
def decide_referral(user, referral_id, expected_version: int, decision: str, *,
                    reason="", start: date | None = None, hours_per_week=None,
                    confirm_over_capacity=False) -> Referral:
    """The partner's answer: accept (with a placement), decline (with a reason) or wait."""
    _check(user, policy.DECIDE_REFERRALS)
    referral = selectors.visible_referrals(user).select_related("partnership", "participant") \
        .filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if referral.status not in (Referral.Status.REQUESTED, Referral.Status.WAITING):
        raise ValidationError(_("Anvisningen är redan besvarad."))
    today = timezone.localdate()
    fields = {"status": decision, "decided_on": today}
    placement = None
    if decision == Decision.DECLINE:
        if not reason.strip():
            raise ValidationError({"reason": _("Ange skälet till att anvisningen avböjs.")})
        fields.update(status=Referral.Status.DECLINED, decline_reason=reason.strip())
    elif decision == Decision.WAIT:
        fields.update(status=Referral.Status.WAITING, decided_on=None)
    elif decision == Decision.ACCEPT:
        if start is None:
            raise ValidationError({"start": _("Ange startdatum för placeringen.")})
        over = would_exceed_capacity(referral.partnership, start, referral.participant)
        if over and not confirm_over_capacity:
            raise OverCapacity({"confirm_over_capacity": _(
                "Partnerskapet har inga lediga platser det datumet (%(limit)s platser). "
                "Sätt anvisningen på väntelista eller bekräfta att den ändå antas."
            ) % {"limit": capacity_of(referral.partnership)}})
        fields.update(status=Referral.Status.ACCEPTED, over_capacity=over)
        placement = _new_placement(
            user, referral.participant, referral.partnership, start=start,
            hours_per_week=hours_per_week or referral.planned_hours_per_week, referral=referral,
        )
    else:
        raise ValidationError({"decision": _("Välj ett svar.")})
    updated = Referral.objects.filter(pk=referral.pk, version=expected_version).update(
        **fields, version=F("version") + 1
    )
    if updated != 1:
        raise Conflict(Referral.objects.get(pk=referral.pk))
    if placement is not None:
        sync_placement_facts(placement_ids=[placement.pk])
    referral.refresh_from_db()
    changed = sorted(fields) + (["placement"] if placement else [])
    accesslog.write(user, Action.CHANGE, Purpose.PLACEMENT, participant=referral.participant,
                    obj=referral, changed_fields=changed)
    return referral


@transaction.atomic
def withdraw_referral(user, referral_id, expected_version: int) -> Referral:
    """The referring side takes back a referral that has not been accepted or declined."""
    _check(user, policy.EDIT_REFERRALS)
    referral = selectors.visible_referrals(user).select_related("participant") \
        .filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if referral.status not in (Referral.Status.REQUESTED, Referral.Status.WAITING):
        raise ValidationError(_("Bara en anvisning som inte är besvarad kan återtas."))
    updated = Referral.objects.filter(pk=referral.pk, version=expected_version).update(
        status=Referral.Status.WITHDRAWN, decided_on=timezone.localdate(),
        version=F("version") + 1,
    )
    if updated != 1:
        raise Conflict(Referral.objects.get(pk=referral.pk))
    referral.refresh_from_db()
    accesslog.write(user, Action.CHANGE, Purpose.CASEWORK, participant=referral.participant,
                    obj=referral, changed_fields=["decided_on", "status"])
    return referral


@transaction.atomic
def create_placement(user, participant_id, partnership_id, *, start: date, hours_per_week=None,
                     planned_end=None, is_individual_agreement=False,
                     individual_cost=None) -> Placement:
    """A placement without a referral in the system, e.g. an individual placement agreement."""
    _check(user, policy.MANAGE_PLACEMENTS)
    participant = selectors.visible_participants(user).filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    partnership = _partnership_for(user, partnership_id)
    if not policy.may_place_in(user, partnership):
        raise ValidationError({"partnership": _("Välj ett av din organisations partnerskap.")})
    placement = _new_placement(
        user, participant, partnership, start=start, hours_per_week=hours_per_week,
        planned_end=planned_end, is_individual_agreement=is_individual_agreement,
        individual_cost=individual_cost,
    )
    accesslog.write(user, Action.CREATE, Purpose.PLACEMENT, participant=participant,
                    obj=placement, changed_fields=["partnership", "start", "planned_end",
                                                   "hours_per_week", "is_individual_agreement",
                                                   "individual_cost"])
    return placement


def _placement_for_change(user, placement_id) -> Placement:
    _check(user, policy.MANAGE_PLACEMENTS)
    placement = selectors.visible_placements(user).select_related("participant") \
        .filter(pk=placement_id).first()
    if placement is None:
        raise Http404
    return placement


@transaction.atomic
def exit_placement(user, placement_id, expected_version: int, *, end: date | None,
                   outcome: str) -> Placement:
    """End a placement with its date and outcome (both required)."""
    placement = _placement_for_change(user, placement_id)
    errors = {}
    if end is None:
        errors["end"] = _("Ange slutdatum.")
    if not outcome:
        errors["outcome"] = _("Ange vad deltagaren går vidare till.")
    if errors:
        raise ValidationError(errors)
    if placement.end is not None:
        raise ValidationError(_("Placeringen är redan avslutad."))
    if end > timezone.localdate() + timedelta(days=31):
        raise ValidationError({"end": _("Slutdatum kan ligga högst en månad fram i tiden.")})
    _check_placement_dates(placement.participant, placement.partnership_id, placement.start,
                           end, None, exclude=placement)
    updated = Placement.objects.filter(pk=placement.pk, version=expected_version).update(
        end=end, outcome=outcome, version=F("version") + 1
    )
    if updated != 1:
        raise Conflict(Placement.objects.get(pk=placement.pk))
    sync_placement_facts(placement_ids=[placement.pk])  # update() bypasses Placement.save()
    placement.refresh_from_db()
    accesslog.write(user, Action.CHANGE, Purpose.PLACEMENT, participant=placement.participant,
                    obj=placement, changed_fields=["end", "outcome"])
    return placement


def record_week(user, placement_id, week_start: date, hours: Decimal,
                expected_version: int | None = None) -> WeeklyActivity:
    """Set the activity hours of the week starting WEEK_START (a Monday).

    EXPECTED_VERSION is the version of the week's hours the user read, None when none were saved
    then (optimistic locking). On a conflict nothing is changed, the access log records that the
    saved hours were shown, and Conflict carries them.
    """
    with transaction.atomic():
        week, conflict = _record_week(user, placement_id, week_start, hours, expected_version)
    if conflict is not None:
        raise conflict
    return week


def _record_week(user, placement_id, week_start, hours, expected_version):
    placement = _placement_for_change(user, placement_id)
    errors = {}
    if week_start.weekday() != 0:
        errors["week_start"] = _("Ange veckans måndag.")
    elif week_start + timedelta(days=6) < placement.start or (
        placement.end is not None and week_start > placement.end
    ):
        errors["week_start"] = _("Veckan ligger utanför placeringen.")
    if hours is None or not (0 <= hours <= 60):
        errors["hours"] = _("Ange mellan 0 och 60 timmar.")
    if errors:
        raise ValidationError(errors)
    weeks = WeeklyActivity.objects.filter(placement=placement, week_start=week_start)
    week = _save_week(placement, weeks, week_start, hours, expected_version)
    if week is None:
        current = weeks.get()
        accesslog.write(user, Action.VIEW, Purpose.PLACEMENT, participant=placement.participant,
                        obj=current, detail={"conflict": True})
        return None, Conflict(current)
    accesslog.write(user, Action.CHANGE, Purpose.PLACEMENT, participant=placement.participant,
                    obj=week, changed_fields=["hours"])
    return week, None


def _save_week(placement, weeks, week_start, hours, expected_version):
    """The saved week, or None when someone else saved the week's hours after they were read."""
    if expected_version is None:
        try:
            with transaction.atomic():  # a savepoint: the other save may win the insert
                return WeeklyActivity.objects.create(
                    placement=placement, week_start=week_start, hours=hours,
                    municipality_id=placement.municipality_id,
                )
        except IntegrityError:
            return None
    updated = weeks.filter(version=expected_version).update(
        hours=hours, version=F("version") + 1
    )
    if updated != 1:
        if not weeks.exists():  # removed meanwhile: nothing to overwrite
            return _save_week(placement, weeks, week_start, hours, None)
        return None
    return weeks.get()
