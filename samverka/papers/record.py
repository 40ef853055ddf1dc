"""The record of processing built from processing.FIELDS and the models' own names."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import processing


@dataclass
class Group:
    category: processing.Category
    fields: list[str] = field(default_factory=list)  # "Deltagare: personnummer"


@dataclass
class Entry:
    activity: processing.Activity
    retention: str
    groups: list[Group] = field(default_factory=list)


def _field_label(label: str) -> str:
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    verbose = str(model._meta.get_field(name).verbose_name)
    return f"{str(model._meta.verbose_name).capitalize()}: {verbose}"


def entries() -> list[Entry]:
    """One entry per processing activity, its personal-data fields grouped by category."""
    years = getattr(settings, "PARTICIPANT_RETENTION_YEARS", 5)
    result = {activity.key: Entry(activity, str(activity.retention).format(years=years))
              for activity in processing.ACTIVITIES}
    for label, (activity, category) in sorted(processing.classification().items()):
        if category is processing.NOT_PERSONAL or activity is None:
            continue
        groups = result[activity.key].groups
        group = next((g for g in groups if g.category == category), None)
        if group is None:
            group = Group(category)
            groups.append(group)
        group.fields.append(_field_label(label))
    return list(result.values())


def context() -> dict:
    return {"entries": entries(), "security": processing.SECURITY_MEASURES,
            "generated": timezone.localdate()}


def markdown() -> str:
    return render_to_string("papers/processing_record.md", context())
