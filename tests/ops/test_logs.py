"""Structured logs: JSON lines for requests, actions and failures, with no personal data."""

import json
import logging

import pytest
from django.db import IntegrityError, transaction

from samverka.accounts.models import Profile, Role
from samverka.ops.logs import scrub
from tests.followup import helpers

from .helpers import captured_log

pytestmark = pytest.mark.django_db


def _lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize("text", [
    "198003031234", "19800303-1234", "800303-1234", "800303+1234", "8003031234",
    "nummer 19800303-1234 i texten", "a,198003031234,b",
])
def test_personnummer_like_digits_are_masked(text):
    assert not any(char.isdigit() for char in scrub(text))
    assert "[maskerat]" in scrub(text)


def test_other_numbers_stay():
    assert scrub("GET /uppfoljning/12/ 200 in 34.5 ms, 1234567890123 bytes") == (
        "GET /uppfoljning/12/ 200 in 34.5 ms, 1234567890123 bytes")


def test_database_detail_lines_are_removed():
    text = ('duplicate key value violates unique constraint "one_number"\n'
            "DETAIL:  Key (municipality_id, last_name)=(1, Exempelsson) already exists.")
    cleaned = scrub(text)
    assert "Exempelsson" not in cleaned
    assert "duplicate key value" in cleaned
    assert "Key (municipality_id" not in scrub("Key (municipality_id, x)=(1, Provsson)")


def test_request_line_has_no_query_string(client, django_user_model):
    user = django_user_model.objects.create_user("loggad", password="x")
    client.force_login(user)
    with captured_log() as buffer:
        client.get("/healthz?q=Exempelsson")
    [line] = [entry for entry in _lines(buffer) if entry["logger"] == "samverka.requests"]
    assert line["path"] == "/healthz"
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert isinstance(line["duration_ms"], float)
    assert "Exempelsson" not in buffer.getvalue()


def test_failure_is_logged_with_traceback_but_without_personal_data(client, monkeypatch,
                                                                     django_user_model):
    from samverka.followup import views

    def failing(*args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "x"\n'
                             "DETAIL:  Key (municipality_id, personal_number)="
                             "(1, 198003031234) already exists. Anna Exempelsson")

    monkeypatch.setattr(views.snapshots, "dashboard", failing)
    client.raise_request_exception = False
    user = django_user_model.objects.create_user("officer-log", password="x")
    Profile.objects.create(user=user, municipality=helpers.municipality(), role=Role.OFFICER)
    client.force_login(user)
    with captured_log() as buffer:
        response = client.get("/uppfoljning/")
    assert response.status_code == 500
    text = buffer.getvalue()
    failures = [entry for entry in _lines(buffer) if entry["logger"] == "django.request"]
    assert failures and "IntegrityError" in failures[0]["traceback"]
    assert "198003031234" not in text
    assert "Exempelsson" not in text


def test_a_committed_action_is_logged_by_ids(django_user_model, django_capture_on_commit_callbacks):
    from samverka.audit.actions import record

    municipality = helpers.municipality()
    with (captured_log() as buffer, django_capture_on_commit_callbacks(execute=True),
          transaction.atomic()):
        record(None, "municipality.rename", municipality, {"name": "Provsson"})
    [line] = [entry for entry in _lines(buffer) if entry["logger"] == "samverka.actions"]
    assert line["action"] == "municipality.rename"
    assert line["object_id"] == str(municipality.pk)
    assert line["fields"] == "name"
    assert "Provsson" not in buffer.getvalue()


def test_log_lines_are_json_with_level_and_logger():
    with captured_log() as buffer:
        logging.getLogger("samverka.test").warning("hej %s", "800303-1234")
    [line] = _lines(buffer)
    assert line["level"] == "WARNING"
    assert line["logger"] == "samverka.test"
    assert "800303-1234" not in line["message"]
