"""The access-log gaps found in the attack (issue 11), one test each: every response that shows
or refuses participant data writes exactly one entry, and none shows anything when the log write
fails. tests/participants/test_access_log_walk.py walks every such view."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from samverka.impact.models import Assessment
from samverka.participants import accesslog
from samverka.participants.models import AccessLogEntry
from tests.impact.conftest import instrument  # noqa: F401 - shared fixture


def _new_entries(before):
    return list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))


def _last_pk():
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def broken_log(monkeypatch):
    """The log write fails as a database would."""
    def fail(*args, **kwargs):
        raise DatabaseError("could not write")

    monkeypatch.setattr(accesslog, "write", fail)


def _stale_edit(world):
    return {"version": 0, "partnership": world.p_mission.pk, "requested_on": "2024-01-10",
            "planned_hours_per_week": "30", "action_plan_reference": "MIN-ÄNDRING", "note": ""}


def test_stale_referral_edit_is_logged(world, login):
    world.anna_referral.note = "Sparad anteckning"
    world.anna_referral.save()
    before = _last_pk()
    response = login(world.users["case_worker"]).post(
        reverse("participants:referral_edit", args=[world.anna_referral.pk]), _stale_edit(world))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Sparad anteckning" in html and "HP-ANNA" in html  # the saved values are shown
    [entry] = _new_entries(before)
    assert entry.action == "view" and entry.outcome == "allowed"
    assert entry.participant == world.anna and entry.object_id == str(world.anna_referral.pk)
    assert entry.detail.get("conflict") is True


def test_stale_referral_edit_shows_nothing_when_the_log_fails(world, login, broken_log):
    world.anna_referral.note = "Sparad anteckning"
    world.anna_referral.save()
    response = login(world.users["case_worker"]).post(
        reverse("participants:referral_edit", args=[world.anna_referral.pk]), _stale_edit(world))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Sparad anteckning" not in html and "HP-ANNA" not in html and "Alfqvist" not in html


@pytest.mark.parametrize("name", ["placement_create", "referral_decide"])
def test_invalid_placement_and_decision_posts_are_logged(world, login, name):
    target = world.anna.pk if name == "placement_create" else world.cilla_referral.pk
    person = world.anna if name == "placement_create" else world.cilla
    before = _last_pk()
    response = login(world.users["officer"]).post(reverse(f"participants:{name}",
                                                          args=[target]), {})
    assert response.status_code == 200
    assert person.last_name in response.content.decode()
    [entry] = _new_entries(before)
    assert entry.action == "view" and entry.participant == person
    assert entry.outcome == "allowed" and entry.purpose == "placering och närvaro"


@pytest.mark.parametrize("user, name, status, within", [
    ("committee", "referral_edit", 403, False),
    ("other_case_worker", "referral_edit", 404, False),
    ("committee", "placement_exit", 403, False),
    ("other_partner_staff", "placement_exit", 404, False),
    ("case_worker", "placement_week", 403, True),  # Anna is AMC's: a role refusal in scope
    ("committee", "placement_create", 403, False),
    ("other_partner_staff", "placement_create", 404, False),
])
def test_refusals_on_post_write_one_denied_entry(world, login, user, name, status, within):
    target = {"referral_edit": world.anna_referral.pk, "placement_exit": world.anna_placement.pk,
              "placement_week": world.anna_placement.pk, "placement_create": world.anna.pk}[name]
    before = _last_pk()
    response = login(world.users[user]).post(reverse(f"participants:{name}", args=[target]),
                                             {"version": 1})
    assert response.status_code == status
    assert "Alfqvist" not in response.content.decode()
    [entry] = _new_entries(before)
    assert entry.outcome == "denied" and entry.user == world.users[user]
    assert entry.participant == world.anna and entry.within_own_scope is within


def test_refusal_of_a_new_referral_is_logged(world, login):
    before = _last_pk()
    response = login(world.users["committee"]).post(reverse("participants:referral_create"), {})
    assert response.status_code == 403
    [entry] = _new_entries(before)
    assert entry.outcome == "denied" and entry.action == "create"


def test_the_log_review_is_logged(world, login):
    login(world.users["officer"]).get(reverse("participants:detail", args=[world.bo.pk]))
    before = _last_pk()
    response = login(world.users["admin"]).get(reverse("participants:access_log"),
                                               {"participant": world.bo.pk})
    assert response.status_code == 200
    assert [e.username for e in response.context["entries"]] == ["olle"]
    [entry] = _new_entries(before)
    assert entry.purpose == "logggranskning" and entry.action == "list"
    assert entry.participant == world.bo and entry.outcome == "allowed"
    assert entry.detail["participant_ids"] == [world.bo.pk]


def test_the_log_review_is_refused_when_the_log_fails(world, login, broken_log):
    response = login(world.users["admin"]).get(reverse("participants:access_log"))
    assert response.status_code == 503
    assert "olle" not in response.content.decode()


def test_a_refused_log_review_is_logged(world, login):
    before = _last_pk()
    response = login(world.users["officer"]).get(reverse("participants:access_log"))
    assert response.status_code == 403
    [entry] = _new_entries(before)
    assert entry.outcome == "denied" and entry.purpose == "logggranskning"


def _assessment(world, version):
    data = {"partnership": world.p_mission.pk, "date": "2024-03-01", "stage": "start",
            "assessor": "Petra och Anna"}
    for dimension in version.dimensions.all():
        data[f"score_{dimension.pk}"] = dimension.scale_min + 1
    return data


def test_an_assessment_save_writes_one_entry(world, login, instrument):  # noqa: F811
    before = _last_pk()
    response = login(world.users["partner_staff"]).post(
        reverse("impact:assessment_create", args=[world.anna.pk]), _assessment(world, instrument))
    assert response.status_code == 302
    assert Assessment.objects.filter(participant=world.anna).count() == 1
    [entry] = _new_entries(before)
    assert entry.action == "create" and entry.participant == world.anna


@pytest.mark.parametrize("name", ["participant", "assessment_create"])
def test_progression_pages_answer_503_when_the_log_fails(world, login, instrument,  # noqa: F811
                                                         broken_log, name):
    client = login(world.users["partner_staff"])
    url = reverse(f"impact:{name}", args=[world.anna.pk])
    for response in (client.get(url), client.post(url, _assessment(world, instrument))):
        assert response.status_code == 503
        html = response.content.decode()
        assert "Alfqvist" not in html and "Anna" not in html and "9820" not in html
    assert not Assessment.objects.exists()
