"""An agreement's lifecycle after its decision: extension by one of its options, termination.

Each action takes the acting user, asks accounts/policy.py, runs in one transaction, is
optimistically locked on the agreement version's lock_version (the form carries the version it
was read at), records the decision that made the change and writes one audit row per changed
object with the values before and after. Bad input raises ValidationError on the field concerned
and nothing is saved.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.organisations.models import Organisation

from . import changes
from .actions import Conflict, _claim
from .dates import add_years
from .models import AgreementVersion, Decision

CLOSED = (AgreementVersion.Status.DRAFT, AgreementVersion.Status.ENDED,
          AgreementVersion.Status.TERMINATED)


@dataclass(frozen=True)
class DecisionInput:
    """The decision behind a lifecycle step: when, by which municipal body, under which Dnr."""

    date: dt.date
    body: Organisation
    registry_number: str = ""


def new_end(version: AgreementVersion) -> dt.date | None:
    """The end date once one more extension option is used."""
    current = version.current_end
    return add_years(current, version.extension_years) if current else None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_decision(version, decision: DecisionInput) -> None:
    errors = {}
    if decision.body is None or decision.body.municipality_id != version.partnership \
            .municipality_id or decision.body.kind != Organisation.Kind.MUNICIPAL_BODY:
        errors["body"] = _("Välj en nämnd eller ett annat kommunalt organ i din kommun.")
    if decision.date is None:
        errors["decision_date"] = _("Ange beslutets datum.")
    if errors:
        raise ValidationError(errors)


def _locked(version, expected_version):
    """Claim VERSION's lock for this change; Conflict when someone saved it since it was read."""
    saved = _claim(AgreementVersion, version.pk, expected_version)
    if saved is None:
        current = AgreementVersion.objects.filter(pk=version.pk).first()
        raise Conflict(current, [])
    saved.mark_lock_claimed()
    return saved


def _record_decision(user, version, decision: DecisionInput, title, points) -> Decision:
    row = Decision.objects.create(
        partnership=version.partnership, version=version, body=decision.body, title=title,
        date=decision.date, registry_number=decision.registry_number.strip(), points=points)
    record(user, "decision.create", row, {
        "partnership": version.partnership_id, "version": version.pk,
        "title": title, "date": row.date, "body": row.body_id,
        "registry_number": row.registry_number})
    return row


FIELDS = ("extensions_used", "extension_decision_due", "status", "terminated_on",
          "termination_reason")


def _save_version(user, version, action, before, extra):
    version.save()
    after = changes.values_of(version, FIELDS)
    record(user, action, version, {**changes.diff(before, after),
                                   "partnership": version.partnership_id, **extra})


@transaction.atomic
def extend_agreement(user, version: AgreementVersion, expected_version,
                     decision: DecisionInput) -> AgreementVersion:
    """Use one of VERSION's extension options: the agreement runs extension_years longer, the
    next decision on extension falls due as many years later (none when no option remains),
    and the decision is recorded with the version."""
    _require(policy.may_edit_partnership(user, version.partnership))
    _check_decision(version, decision)
    if version.status in CLOSED:
        raise ValidationError({"extensions_used": _(
            "Överenskommelsen är %(status)s och kan inte förlängas.")
            % {"status": version.get_status_display().lower()}})
    if version.extensions_left < 1:
        raise ValidationError({"extensions_used": _(
            "Överenskommelsen har inga förlängningar kvar att utnyttja (%(used)s av %(count)s "
            "är utnyttjade).") % {"used": version.extensions_used,
                                   "count": version.extension_count}})
    if version.end is None:
        raise ValidationError({"extensions_used": _(
            "Överenskommelsen saknar slutdatum; ange det på överenskommelsen först.")})
    saved = _locked(version, expected_version)
    before = changes.values_of(saved, FIELDS)
    end = new_end(saved)
    saved.extensions_used += 1
    if saved.extension_decision_due and saved.extensions_left:
        saved.extension_decision_due = add_years(saved.extension_decision_due,
                                                 saved.extension_years)
    else:
        saved.extension_decision_due = None
    row = _record_decision(
        user, saved, decision,
        _("Förlängning av %(name)s till och med %(end)s")
        % {"name": saved.partnership.name, "end": f"{end:%Y-%m-%d}"},
        _("Överenskommelsen förlängs med %(years)s år till och med %(end)s.")
        % {"years": saved.extension_years, "end": f"{end:%Y-%m-%d}"})
    _save_version(user, saved, "version.extend", before,
                  {"new_end": end, "decision": row.pk})
    return saved


@transaction.atomic
def terminate_agreement(user, version: AgreementVersion, expected_version, *,
                        terminated_on: dt.date, reason: str,
                        decision: DecisionInput) -> AgreementVersion:
    """End VERSION early on TERMINATED_ON for REASON, recording the decision."""
    _require(policy.may_edit_partnership(user, version.partnership))
    _check_decision(version, decision)
    errors = {}
    if version.status in CLOSED:
        errors["terminated_on"] = _("Överenskommelsen är %(status)s och kan inte sägas upp.") \
            % {"status": version.get_status_display().lower()}
    elif terminated_on is None:
        errors["terminated_on"] = _("Ange när överenskommelsen upphör.")
    elif version.start and terminated_on < version.start:
        errors["terminated_on"] = _(
            "Överenskommelsen kan inte upphöra före sin start (%(date)s).") % {
            "date": f"{version.start:%Y-%m-%d}"}
    elif version.current_end and terminated_on > version.current_end:
        errors["terminated_on"] = _("Överenskommelsen löper redan ut %(date)s.") \
            % {"date": f"{version.current_end:%Y-%m-%d}"}
    if not (reason or "").strip():
        errors["reason"] = _("Ange skälet till uppsägningen.")
    if errors:
        raise ValidationError(errors)
    saved = _locked(version, expected_version)
    before = changes.values_of(saved, FIELDS)
    saved.status = AgreementVersion.Status.TERMINATED
    saved.terminated_on = terminated_on
    saved.termination_reason = reason.strip()
    saved.extension_decision_due = None
    row = _record_decision(
        user, saved, decision,
        _("Uppsägning av %(name)s") % {"name": saved.partnership.name},
        _("Överenskommelsen sägs upp och upphör %(date)s.") % {
            "date": f"{terminated_on:%Y-%m-%d}"} + "\n" + reason.strip())
    _save_version(user, saved, "version.terminate", before, {"decision": row.pk})
    return saved
