"""The record of processing (GDPR art. 30) follows the schema: every field of every model is
classified, and every personal-data field is in the record."""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from samverka.papers import processing, record
from tests.factories import MunicipalityFactory, Role, make_user


def _fields(model):
    """The model's own fields: columns and many-to-many (not reverse relations)."""
    return [f for f in model._meta.get_fields()
            if getattr(f, "concrete", False) or (f.many_to_many and not f.auto_created)]


def _every_field():
    return {f"{model._meta.label}.{f.name}": f
            for model in apps.get_models() for f in _fields(model)}


def test_every_field_of_every_model_is_classified():
    declared = processing.classification()
    missing = sorted(set(_every_field()) - set(declared))
    assert missing == [], ("Klassa fälten i samverka/papers/processing.py (personuppgift "
                           f"eller NOT_PERSONAL): {missing}")


def test_no_classification_names_a_field_that_does_not_exist():
    stale = sorted(set(processing.classification()) - set(_every_field()))
    assert stale == []


def test_a_field_pointing_at_a_person_is_personal():
    person_models = {settings.AUTH_USER_MODEL, "participants.Participant"}
    declared = processing.classification()
    wrong = [label for label, field in _every_field().items()
             if field.is_relation and field.related_model is not None
             and field.related_model._meta.label in person_models
             and declared.get(label, (None, None))[1] is processing.NOT_PERSONAL]
    assert wrong == []


def test_a_model_with_personal_fields_belongs_to_an_activity():
    orphans = [label for label, (activity, category) in processing.classification().items()
               if category is not processing.NOT_PERSONAL and activity is None]
    assert orphans == []


def test_a_new_unclassified_field_fails(monkeypatch):
    """The check above bites: a model field missing from the classification is reported."""
    trimmed = dict(processing.FIELDS)
    activity, groups = trimmed["participants.Participant"]
    groups = dict(groups)
    groups[processing.IDENTITY] = groups[processing.IDENTITY].replace("personal_number", "")
    trimmed["participants.Participant"] = (activity, groups)
    monkeypatch.setattr(processing, "FIELDS", trimmed)
    assert "participants.Participant.personal_number" not in processing.classification()
    with pytest.raises(AssertionError, match="personal_number"):
        test_every_field_of_every_model_is_classified()


def test_the_record_lists_every_personal_field():
    with translation.override("sv"):
        text = record.markdown()
    for heading in ("Ändamål", "Rättslig grund", "Registrerade", "Mottagare", "Lagringstid",
                    "Säkerhetsåtgärder"):
        assert heading in text
    personal = [label for label, (_a, category) in processing.classification().items()
                if category is not processing.NOT_PERSONAL]
    for label in personal:
        with translation.override("sv"):
            assert f"- {record._field_label(label)}" in text, label
    assert "Deltagare: personnummer" in text
    assert "Partnerskap: namn" not in text  # not personal


def test_command_writes_markdown_and_html(tmp_path):
    out = io.StringIO()
    with translation.override("sv"):
        call_command("behandlingsregister", stdout=out)
    assert out.getvalue().startswith("# Register över behandlingar")
    target = tmp_path / "register.html"
    with translation.override("sv"):
        call_command("behandlingsregister", "--format", "html", "--output", str(target))
    html = target.read_text(encoding="utf-8")
    assert "<h2" in html and "personnummer" in html


@pytest.mark.django_db
def test_page_for_administrators_and_officers_only(client):
    municipality = MunicipalityFactory()
    assert client.get("/behandlingsregister/").status_code == 302  # to the login
    for role, expected in ((Role.ADMIN, 200), (Role.OFFICER, 200), (Role.COMMITTEE, 403),
                           (Role.CASE_WORKER, 403), (Role.PARTNER_STAFF, 403)):
        client.force_login(make_user(f"user_{role}", role, municipality))
        assert client.get("/behandlingsregister/").status_code == expected, role
        assert client.get("/behandlingsregister.md").status_code == expected, role
    client.force_login(make_user("admin2", Role.ADMIN, municipality))
    page = client.get("/behandlingsregister/").content.decode()
    assert "Anvisning, deltagande och uppföljning av deltagare" in page
    assert client.post("/behandlingsregister/").status_code == 405


def test_every_personal_field_has_a_name_users_read():
    assert record.unnamed() == [], "Ge fältet ett verbose_name eller ett namn i FIELD_NAMES"
