"""Writes of the register: organisations, partnerships, parties, agreement versions, decisions,
criteria assessments and budgets with their lines.

Each action takes the acting user and a validated form, asks accounts/policy.py, runs in one
transaction and writes one audit row per changed object with the changed fields' values before
and after. Edits are optimistically locked on `lock_version`: a form read before someone else's
save raises Conflict, and nothing is written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.forms.models import InlineForeignKeyField
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record

from . import changes
from .models import CriterionAssessment


class Conflict(Exception):
    """Someone else saved the object after the form was read: nothing was written.

    CURRENT is the saved object (None when it has been removed); DIFFERENCES lists
    (field label, your value, saved value) for every field where the two differ."""

    def __init__(self, current, differences):
        self.current = current
        self.differences = differences
        super().__init__(_("Någon annan har sparat ändringar medan du redigerade."))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def form_fields(form) -> list[str]:
    """The model fields FORM edits (not the lock, nor the parent of an inline form)."""
    return [name for name in form._meta.fields
            if name in form.fields and not isinstance(form.fields[name], InlineForeignKeyField)]


def _context(partnership, obj) -> dict:
    """What ties an audit row to the partnership page's history, and names the object."""
    return {"_partnership": partnership.pk if partnership else None, "_object": str(obj)}


def _claim(model, pk, expected_version):
    """Take the lock of MODEL row PK if it still has EXPECTED_VERSION; the saved row, or None."""
    if expected_version is None:
        return None
    claimed = model.objects.filter(pk=pk, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1
    )
    return model.objects.get(pk=pk) if claimed == 1 else None


def _conflict(form, names):
    model = form._meta.model
    current = model.objects.filter(pk=form.instance.pk).first()
    if current is None:
        return Conflict(None, [])
    return Conflict(current, changes.differences(
        model, changes.values_of_form(form, names), changes.values_of(current, names)
    ))


def _save_form(user, form, action, partnership, expected_version):
    """Save the valid ModelForm FORM under the lock; write its audit row, tied to PARTNERSHIP's
    history when one is given. Inside a transaction."""
    names = form_fields(form)
    instance = form.instance
    created = instance.pk is None
    before = {}
    if not created:
        saved = _claim(type(instance), instance.pk, expected_version)
        if saved is None:
            raise _conflict(form, names)
        before = changes.values_of(saved, names)
        instance.lock_version = saved.lock_version
        instance.mark_lock_claimed()  # the claim above raised the version for this save
    try:
        with transaction.atomic():  # a savepoint: a clash with a simultaneous save is no 500
            obj = form.save()
    except IntegrityError as error:
        raise ValidationError(_(
            "Någon annan sparade samma uppgift samtidigt. Ladda om sidan och försök igen."
        )) from error
    after = changes.values_of(obj, names)
    record(user, f"{action}.{'create' if created else 'update'}", obj,
           {**changes.diff(before, after), **_context(partnership, obj)})
    return obj


@transaction.atomic
def save_organisation(user, form, expected_version=None):
    """Create or change an organisation of the user's municipality."""
    _require(policy.may_edit_organisation(user, form.instance))
    return _save_form(user, form, "organisation", None, expected_version)


@transaction.atomic
def save_partnership(user, form, expected_version=None):
    """Create or change a partnership's own fields (and its referral routes)."""
    _require(policy.may_edit_partnership(user, form.instance))
    return _save_form(user, form, "partnership", form.instance, expected_version)


@transaction.atomic
def save_responsible(user, form, expected_version=None):
    """Name the partnership's responsible officer and deputy (only officers of its municipality,
    who receive its reminders)."""
    partnership = form.instance
    _require(policy.may_assign_responsible(user, partnership))
    for name in ("responsible_officer", "deputy_officer"):
        candidate = form.cleaned_data.get(name)
        if candidate is not None and not policy.may_be_responsible(candidate, partnership):
            raise ValidationError({name: _("Välj en aktiv handläggare i kommunen.")})
    return _save_form(user, form, "partnership", partnership, expected_version)


def _save_child(user, form, action, expected_version):
    partnership = form.instance.partnership
    _require(policy.may_edit_partnership(user, partnership))
    return _save_form(user, form, action, partnership, expected_version)


@transaction.atomic
def save_party(user, form, expected_version=None):
    return _save_child(user, form, "party", expected_version)


@transaction.atomic
def save_agreement_version(user, form, expected_version=None):
    return _save_child(user, form, "version", expected_version)


@transaction.atomic
def save_decision(user, form, expected_version=None):
    return _save_child(user, form, "decision", expected_version)


# --- Criteria: eight rows per agreement version, each locked on its own ------------------------

@transaction.atomic
def save_criteria(user, version, formset) -> None:
    """Save the changed criteria rows of the valid FORMSET for agreement VERSION."""
    partnership = version.partnership
    _require(policy.may_edit_partnership(user, partnership))
    conflicts = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        form.instance.version = version
        try:
            _save_form(user, form, "criterion", partnership,
                       form.cleaned_data.get("lock_version"))
        except Conflict as conflict:
            conflicts.append((form, conflict))
        except ValidationError:
            current = CriterionAssessment.objects.filter(
                version=version, criterion=form.instance.criterion).first()
            conflicts.append((form, _conflict_with(form, current)))
    if conflicts:  # raising rolls back the rows saved before the conflicting one
        rows = [row for _form, conflict in conflicts for row in _numbered(conflict)]
        raise Conflict(version, rows)


def _conflict_with(form, current):
    names = form_fields(form)
    return Conflict(current, changes.differences(
        CriterionAssessment, changes.values_of_form(form, names),
        changes.values_of(current, names) if current else {},
    ))


def _numbered(conflict):
    number = conflict.current.criterion if conflict.current else ""
    return [(f"{_('Kriterium')} {number}: {label}", yours, saved)
            for label, yours, saved in conflict.differences]


# --- Budgets: the budget's lock covers its lines (they are only edited on the budget's form) ---

@transaction.atomic
def save_budget(user, form, formset, expected_version=None):
    """Create or change a budget and its lines (new, changed and removed ones) from the valid
    FORM and FORMSET; one audit row for the budget and one per changed line."""
    partnership = form.instance.version.partnership
    _require(policy.may_edit_partnership(user, partnership))
    try:
        budget = _save_form(user, form, "budget", partnership, expected_version)
    except Conflict as conflict:
        if conflict.current is not None:
            conflict.differences += line_differences(formset, conflict.current)
        raise
    formset.instance = budget
    _save_lines(user, formset, partnership)
    return budget


def _save_lines(user, formset, partnership):
    names = form_fields(formset.forms[0]) if formset.forms else []
    for form in formset.forms:
        if form in formset.deleted_forms:
            continue
        if not form.has_changed():
            continue
        form.instance.budget = formset.instance
        _save_line(user, form, names, partnership)
    for form in formset.deleted_forms:
        line = form.instance
        if line.pk is None:
            continue
        before = changes.values_of(line.__class__.objects.get(pk=line.pk), names)
        record(user, "budget_line.delete", line,
               {**changes.diff(before, dict.fromkeys(names)), **_context(partnership, line)})
        line.delete()


def _save_line(user, form, names, partnership):
    line = form.instance
    created = line.pk is None
    before = {} if created else changes.values_of(line.__class__.objects.get(pk=line.pk), names)
    line = form.save()
    record(user, f"budget_line.{'create' if created else 'update'}", line,
           {**changes.diff(before, changes.values_of(line, names)),
            **_context(partnership, line)})


def line_differences(formset, budget) -> list[tuple[str, str, str]]:
    """What differs between the lines of the (valid) FORMSET and BUDGET's saved lines."""
    from samverka.budgets.models import BudgetLine

    saved = {line.pk: line for line in budget.lines.select_related("party__organisation")}
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        names = form_fields(form)
        title = form.cleaned_data.get("description") or _("ny rad")
        prefix = f"{_('Budgetrad')} ”{title}”"
        current = saved.pop(form.instance.pk, None) if form.instance.pk else None
        if form.instance.pk and current is None:
            rows.append((prefix, _("ändrad av dig"), _("borttagen av någon annan")))
            continue
        yours = changes.values_of_form(form, names)
        theirs = changes.values_of(current, names) if current else {}
        for label, mine, other in changes.differences(BudgetLine, yours, theirs):
            rows.append((f"{prefix}: {label}", mine, other))
    for line in saved.values():
        rows.append((f"{_('Budgetrad')} ”{line.description}”", changes.EMPTY,
                     _("tillagd av någon annan")))
    return rows
