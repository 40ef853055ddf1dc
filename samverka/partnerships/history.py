"""The change history of a partnership, read from the audit rows of it and everything under it."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.accounts.models import role_label
from samverka.audit.models import AuditEvent

from . import changes

LIMIT = 100

def _kinds():
    return {
        "partnerships.partnership": _("Partnerskapet"),
        "partnerships.party": _("Part"),
        "partnerships.agreementversion": _("Överenskommelse"),
        "partnerships.decision": _("Beslut"),
        "partnerships.criterionassessment": _("Kriteriebedömning"),
        "budgets.budget": _("Budget"),
        "budgets.budgetline": _("Budgetrad"),
    }


def _verbs():
    return {"create": _("Skapad"), "update": _("Ändrad"), "delete": _("Borttagen")}


@dataclass
class FieldChange:
    label: str
    before: str | None  # None: the row did not record the earlier value
    after: str


@dataclass
class Entry:
    at: object
    who: str
    role: str
    what: str
    verb: str
    note: str = ""
    fields: list[FieldChange] = field(default_factory=list)


def _objects(partnership, parties, versions, decisions):
    """{(object type, id as text): object} of PARTNERSHIP and what is under it (prefetched)."""
    objects = [partnership, *parties, *versions, *decisions]
    for version in versions:
        objects += list(version.criteria.all())
        for budget in version.budgets.all():
            objects += [budget, *budget.lines.all()]
    return {(obj._meta.label_lower, str(obj.pk)): obj for obj in objects}


def change_history(partnership, *, parties, versions, decisions) -> list[Entry]:
    """The latest changes of PARTNERSHIP, newest first (one query)."""
    known = _objects(partnership, parties, versions, decisions)
    by_type = {}
    for object_type, object_id in known:
        by_type.setdefault(object_type, []).append(object_id)
    query = Q(changes___partnership=partnership.pk)
    for object_type, ids in by_type.items():
        query |= Q(object_type=object_type, object_id__in=ids)
    events = AuditEvent.objects.filter(query).select_related("user").order_by("-at", "-pk")
    return [_entry(event, known) for event in events[:LIMIT]]


def _who(event):
    if event.user is None:
        return _("systemet")
    return event.user.get_full_name() or event.user.get_username()


def _entry(event, known) -> Entry:
    kinds = _kinds()
    model = apps.get_model(event.object_type) if event.object_type in kinds else None
    values = event.changes or {}
    name = values.get("_object") or str(known.get((event.object_type, event.object_id), ""))
    kind = kinds.get(event.object_type, _("Uppgift"))
    what = kind if event.object_type == "partnerships.partnership" else f"{kind}: {name}"
    verb = event.action.rsplit(".", 1)[-1]
    entry = Entry(at=event.at, who=_who(event), role=role_label(event.role), what=what,
                  verb=_verbs().get(verb, _("Ändrad")))
    if values.get("source") == "import":
        entry.note = _("från import av tjänsteskrivelse")
    if model is not None:
        entry.fields = _fields(model, values)
    return entry


def _fields(model, values) -> list[FieldChange]:
    rows = []
    for name, value in values.items():
        label = changes.label(model, name)
        if name.startswith("_") or label is None:
            continue
        if isinstance(value, dict) and set(value) == {"before", "after"}:
            rows.append(FieldChange(label, changes.text(model, name, value["before"]),
                                    changes.text(model, name, value["after"])))
        else:  # rows written before values were kept: only the new value is known
            rows.append(FieldChange(label, None, changes.text(model, name, value)))
    return rows
