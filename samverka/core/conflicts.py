"""The conflict page of an optimistic-lock edit: each field's saved value beside the user's
unsaved input, shown as on the form (rendered by templates/includes/conflict.html)."""

import datetime as dt

from django.utils.translation import gettext as _


def shown(field, value) -> str:
    """VALUE as the form shows it: "–" for empty, Ja/Nej, dates YYYY-MM-DD, choice labels."""
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    return str(choices.get(str(value), value))


def conflict_rows(fields, yours: dict, saved: dict, prefix="") -> list[dict]:
    """One row per field in SAVED: its label (after PREFIX), the saved value and the user's
    unsaved value from YOURS, shown as on the form, and whether they differ."""
    rows = []
    for name, value in saved.items():
        field, mine = fields[name], yours.get(name)
        rows.append({"label": f"{prefix}{field.label}", "saved": shown(field, value),
                     "yours": shown(field, mine),
                     "differs": shown(field, value) != shown(field, mine)})
    return rows


def formset_conflict_rows(formset, saved_rows: list[dict], label: str) -> list[dict]:
    """conflict_rows() for each row of the valid FORMSET against the saved rows, in order; a row
    only one side has is compared with an empty one."""
    fields = formset.empty_form.fields
    names = [name for name in fields if name != "DELETE"]
    yours = [form.cleaned_data for form in formset.rows()]
    rows = []
    for index in range(max(len(yours), len(saved_rows))):
        mine = yours[index] if index < len(yours) else {}
        saved = saved_rows[index] if index < len(saved_rows) else {}
        rows += conflict_rows(fields, mine, {name: saved.get(name) for name in names},
                              f"{label} {index + 1}: ")
    return rows
