"""The later steps of a referral and a placement: withdrawing a referral, correcting an exit;
and the guard that a referral needs an agreement in force on its date.

Each step runs in one transaction, is optimistically locked on the row's version, asks
accounts/policy.py and writes its access-log entry (and, for a correction, an audit row with
the values before and after). Bad input raises ValidationError on the field; nothing is saved.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.partnerships.models import AgreementVersion

from . import accesslog, selectors
from .accesslog import Purpose
from .facts import sync_placement_facts
from .models import AccessLogEntry, Outcome, Placement, Referral

Action = AccessLogEntry.Action


class Conflict(Exception):
    """Someone else saved the row after it was read: nothing was changed."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Någon annan har ändrat uppgifterna medan du redigerade."))


# --- The agreement in force ---------------------------------------------------------------------

def agreement_in_force(partnership, on: date) -> bool:
    """Whether PARTNERSHIP has a decided agreement version running on ON (its extensions used
    so far counted, a termination too). A version without dates counts as running."""
    versions = AgreementVersion.objects.filter(partnership=partnership).exclude(
        status=AgreementVersion.Status.DRAFT)
    for version in versions:
        end = version.current_end
        if (version.start is None or version.start <= on) and (end is None or on <= end):
            return True
    return False


def check_agreement_in_force(partnership, on: date) -> None:
    """ValidationError on the partnership field unless an agreement runs on ON."""
    if on is not None and not agreement_in_force(partnership, on):
        raise ValidationError({"partnership": _(
            "%(name)s har ingen gällande överenskommelse %(date)s. Anvisa till ett partnerskap "
            "med en överenskommelse som gäller det datumet.")
            % {"name": partnership.name, "date": f"{on:%Y-%m-%d}"}})


ACCEPTED_MOVE = _("Anvisningen är antagen och kan inte flyttas till ett annat partnerskap. "
                  "Återta anvisningen och anvisa på nytt.")


# --- Withdrawing a referral ---------------------------------------------------------------------

WITHDRAWABLE = (Referral.Status.REQUESTED, Referral.Status.WAITING, Referral.Status.ACCEPTED)


@transaction.atomic
def withdraw_referral(user, referral_id, expected_version: int, *, reason: str) -> Referral:
    """Withdraw a referral (the referring side's decision). An accepted one only while its
    placement has not started; that planned placement is removed with it."""
    referral = selectors.visible_referrals(user).select_related("participant") \
        .filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if not policy.may_withdraw_referral(user, referral):
        raise PermissionDenied
    if referral.status not in WITHDRAWABLE:
        raise ValidationError({"reason": _("Anvisningen är %(status)s och kan inte återtas.")
                               % {"status": referral.get_status_display().lower()}})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ange skälet till att anvisningen återtas.")})
    today = timezone.localdate()
    status_before = referral.status
    placements = Placement.objects.filter(referral=referral)
    if placements.filter(start__lte=today).exists():
        raise ValidationError({"reason": _(
            "Deltagaren har redan börjat i partnerskapet. Avsluta placeringen i stället.")})
    updated = Referral.objects.filter(pk=referral.pk, version=expected_version).update(
        status=Referral.Status.WITHDRAWN, decided_on=today, decline_reason=reason.strip(),
        version=F("version") + 1)
    if updated != 1:
        raise Conflict(Referral.objects.get(pk=referral.pk))
    removed = [placement.pk for placement in placements]
    for placement in placements:
        placement.delete()
    referral.refresh_from_db()
    accesslog.write(user, Action.CHANGE, Purpose.CASEWORK, participant=referral.participant,
                    obj=referral, changed_fields=["status", "decided_on", "decline_reason"],
                    detail={"withdrawn": True, "removed_placements": removed,
                            "status_before": status_before})
    return referral


# --- Correcting an exit ---------------------------------------------------------------------------

@transaction.atomic
def correct_exit(user, placement_id, expected_version: int, *, end: date | None,
                 outcome: str) -> Placement:
    """Change the date or outcome of an exit already recorded; the old and new values are kept
    in the audit row."""
    if not policy.can(user, policy.MANAGE_PLACEMENTS):
        raise PermissionDenied
    placement = selectors.visible_placements(user).select_related("participant", "partnership") \
        .filter(pk=placement_id).first()
    if placement is None:
        raise Http404
    if not policy.may_place_in(user, placement.partnership):
        raise PermissionDenied
    _check_exit(placement, end, outcome)
    before = {"end": placement.end, "outcome": placement.outcome}
    updated = Placement.objects.filter(pk=placement.pk, version=expected_version).update(
        end=end, outcome=outcome, version=F("version") + 1)
    if updated != 1:
        raise Conflict(Placement.objects.get(pk=placement.pk))
    sync_placement_facts(placement_ids=[placement.pk])
    placement.refresh_from_db()
    after = {"end": placement.end, "outcome": placement.outcome}
    changed = sorted(name for name in after if after[name] != before[name])
    accesslog.write(user, Action.CHANGE, Purpose.PLACEMENT, participant=placement.participant,
                    obj=placement, changed_fields=changed, detail={"exit_corrected": True})
    record(user, "placement.correct_exit", placement, {
        name: {"before": before[name], "after": after[name]} for name in changed})
    return placement


def _check_exit(placement, end, outcome) -> None:
    errors = {}
    if placement.end is None:
        raise ValidationError(_("Placeringen är inte avslutad; registrera avslutet först."))
    if end is None:
        errors["end"] = _("Ange slutdatum.")
    elif end < placement.start:
        errors["end"] = _("Slutdatum kan inte ligga före startdatum (%(date)s).") % {
            "date": f"{placement.start:%Y-%m-%d}"}
    elif end > timezone.localdate() + timedelta(days=31):
        errors["end"] = _("Slutdatum kan ligga högst en månad fram i tiden.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Ange vad deltagaren går vidare till.")
    if errors:
        raise ValidationError(errors)
    overlapping = Placement.objects.filter(
        participant=placement.participant, partnership=placement.partnership,
        start__lte=end).exclude(pk=placement.pk).filter(end__isnull=True) | \
        Placement.objects.filter(participant=placement.participant,
                                 partnership=placement.partnership, start__lte=end,
                                 end__gte=placement.start).exclude(pk=placement.pk)
    if overlapping.exists():
        raise ValidationError({"end": _(
            "Deltagaren har en annan placering i partnerskapet under den perioden.")})
