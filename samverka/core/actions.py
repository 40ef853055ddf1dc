"""The one write path for register forms: validate, save in a transaction, write the audit row."""

from django.db import transaction

from samverka.audit.actions import record


def save_form(user, form, action: str):
    """Save a valid ModelForm (and its many-to-many data) with an audit row, atomically."""
    with transaction.atomic():
        created = form.instance.pk is None
        obj = form.save()
        changes = {name: form.cleaned_data.get(name) for name in form.changed_data}
        record(user, f"{action}.{'create' if created else 'update'}", obj, changes)
    return obj


def save_formset(user, formset, action: str) -> None:
    """Save an inline formset (new, changed and deleted rows) with one audit row per row."""
    with transaction.atomic():
        for obj in formset.save(commit=False):
            created = obj.pk is None
            obj.save()
            record(user, f"{action}.{'create' if created else 'update'}", obj)
        for obj in formset.deleted_objects:
            record(user, f"{action}.delete", obj)
            obj.delete()
