"""The record of processing built from processing.FIELDS and the models' own names."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import processing

# Apps whose verbose names are Swedish: ours, and Django's own (translated by Django).
SAMVERKA_APPS = {config.label for config in apps.get_app_configs()
                 if config.name.startswith("samverka.")}
DJANGO_TRANSLATED = {"auth", "admin", "sessions", "contenttypes"}


@dataclass
class Group:
    category: processing.Category
    fields: list[str] = field(default_factory=list)  # "Deltagare: personnummer"


@dataclass
class Entry:
    activity: processing.Activity
    retention: str
    groups: list[Group] = field(default_factory=list)


def _has_own_name(model_field) -> bool:
    """Whether the field was given a verbose_name (Django's default is its code name)."""
    return str(model_field.verbose_name) != model_field.name.replace("_", " ")


def _names(label: str) -> tuple[str | None, str | None]:
    """(model name, field name) as users read them; None where neither Django nor
    processing.MODEL_NAMES / FIELD_NAMES gives one."""
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    model_field = model._meta.get_field(name)
    model_name = processing.MODEL_NAMES.get(app_model)
    if model_name is None and app_model.split(".")[0] in SAMVERKA_APPS | DJANGO_TRANSLATED:
        model_name = model._meta.verbose_name
    translated = app_model.split(".")[0] in SAMVERKA_APPS | DJANGO_TRANSLATED
    field_name = (model_field.verbose_name if translated and _has_own_name(model_field)
                  else processing.FIELD_NAMES.get(name))
    return model_name, field_name


def unnamed() -> list[str]:
    """The personal-data fields the record could only name by their code names (in Swedish,
    the language the record is written in first)."""
    with translation.override("sv"):
        return [label for label, (_activity, category) in processing.classification().items()
                if category is not processing.NOT_PERSONAL and None in _names(label)]


def _field_label(label: str) -> str:
    """"Deltagare: personnummer": the model's and the field's names as users read them."""
    model_name, field_name = _names(label)
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    model_name = model_name or model._meta.verbose_name
    field_name = field_name or model._meta.get_field(name).verbose_name
    return f"{str(model_name).capitalize()}: {field_name}"


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
