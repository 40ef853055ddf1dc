"""Every participant page view, search and export writes exactly one complete log entry; when
the log cannot be written the data is not shown and the change is rolled back."""

from datetime import date

import pytest
from django.urls import reverse

from samverka.participants.models import AccessLogEntry, Referral

FIELDS = ["at", "username", "role", "organisation_name", "action", "object_type", "purpose",
          "outcome"]


def pages(world):
    return [
        ("get", reverse("participants:list"), {}, "list", None),
        ("post", reverse("participants:search"), {"term": "Alfqvist"}, "search", None),
        ("post", reverse("participants:search"), {"term": "19800101-9820"}, "search", None),
        ("get", reverse("participants:detail", args=[world.anna.pk]), {}, "view", world.anna),
        ("get", reverse("participants:reveal", args=[world.anna.pk]), {}, "reveal", world.anna),
        ("get", reverse("participants:export"), {}, "export", None),
        ("get", reverse("participants:right_of_access", args=[world.anna.pk]), {}, "export",
         world.anna),
        ("get", reverse("participants:referral_edit", args=[world.anna_referral.pk]), {},
         "view", world.anna),
        ("get", reverse("participants:placement_exit", args=[world.anna_placement.pk]), {},
         "view", world.anna),
    ]


@pytest.mark.parametrize("index", range(9))
def test_exactly_one_complete_entry_per_page(world, login, index):
    method, url, data, action, participant = pages(world)[index]
    client = login(world.users["admin"])
    before = AccessLogEntry.objects.count()
    response = getattr(client, method)(url, data)
    assert response.status_code == 200
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("pk")
    for name in FIELDS:
        assert getattr(entry, name), name
    assert entry.user == world.users["admin"]
    assert entry.municipality == world.town
    assert entry.role == "admin" and entry.organisation_name == "Förvaltningen"
    assert entry.action == action and entry.outcome == "allowed"
    assert entry.participant == participant
    assert entry.at.utcoffset().total_seconds() == 0
    # The search term (here a personnummer) is never stored in the log.
    assert "9820" not in str(entry.detail)


def test_denied_access_is_logged(world, login):
    client = login(world.users["partner_staff"])
    response = client.get(reverse("participants:detail", args=[world.bo.pk]))
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get()
    assert entry.outcome == "denied" and entry.participant == world.bo
    assert entry.role == "partner_staff" and entry.organisation_name == "Stadsmissionen"


def test_change_logs_changed_fields(world, login):
    client = login(world.users["case_worker"])
    response = client.post(
        reverse("participants:referral_edit", args=[world.anna_referral.pk]),
        {"version": 1, "partnership": world.p_mission.pk, "requested_on": "2024-01-10",
         "planned_hours_per_week": "25", "action_plan_reference": "HP-ANNA",
         "consent_to_share": "on", "note": ""},
    )
    assert response.status_code == 302
    entry = AccessLogEntry.objects.get()
    assert entry.action == "change" and entry.changed_fields == ["planned_hours_per_week"]
    assert entry.object_type == "participants.referral"
    assert entry.object_id == str(world.anna_referral.pk)
    assert entry.referring_unit_name == "AMC" and entry.within_own_scope


def test_report_of_access_outside_own_unit(world, login):
    login(world.users["officer"]).get(reverse("participants:detail", args=[world.bo.pk]))
    login(world.users["case_worker"]).get(reverse("participants:detail", args=[world.anna.pk]))
    response = login(world.users["admin"]).get(reverse("participants:access_log"),
                                               {"outside": "on"})
    entries = list(response.context["entries"])
    assert [e.username for e in entries] == ["olle"]


def test_log_search_by_user_and_participant(world, login):
    login(world.users["officer"]).get(reverse("participants:detail", args=[world.bo.pk]))
    login(world.users["case_worker"]).get(reverse("participants:detail", args=[world.anna.pk]))
    admin = login(world.users["admin"])
    by_user = admin.get(reverse("participants:access_log"), {"username": "cecilia"})
    assert [e.username for e in by_user.context["entries"]] == ["cecilia"]
    by_person = admin.get(reverse("participants:access_log"), {"participant": world.bo.pk})
    assert [e.participant_id for e in by_person.context["entries"]] == [world.bo.pk]


def test_entries_are_append_only(world, login):
    login(world.users["admin"]).get(reverse("participants:list"))
    entry = AccessLogEntry.objects.get()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


@pytest.fixture
def broken_log(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AccessLogEntry.objects, "create", fail)


@pytest.mark.parametrize("index", range(9))
def test_page_refused_when_log_fails(world, login, broken_log, index):
    method, url, data, _action, _participant = pages(world)[index]
    response = getattr(login(world.users["admin"]), method)(url, data)
    assert response.status_code == 503
    body = response.content.decode()
    assert "Alfqvist" not in body and "9820" not in body


def test_change_rolled_back_when_log_fails(world, login, broken_log):
    client = login(world.users["case_worker"])
    response = client.post(
        reverse("participants:referral_edit", args=[world.anna_referral.pk]),
        {"version": 1, "partnership": world.p_mission.pk, "requested_on": "2024-01-10",
         "planned_hours_per_week": "30", "action_plan_reference": "NY", "note": "ändrad"},
    )
    assert response.status_code == 503
    referral = Referral.objects.get(pk=world.anna_referral.pk)
    assert referral.version == 1 and referral.note == "" and referral.action_plan_reference \
        == "HP-ANNA"


def test_new_referral_rolled_back_when_log_fails(world, login, broken_log):
    client = login(world.users["case_worker"])
    before = (Referral.objects.count(), world.anna.__class__.objects.count())
    response = client.post(reverse("participants:referral_create"), {
        "kind": "personnummer", "number": "19700101-9806", "first_name": "Ny",
        "last_name": "Person", "partnership": world.p_ikf.pk, "referring_unit": world.amc.pk,
        "requested_on": "2024-03-01",
    })
    assert response.status_code == 503
    assert (Referral.objects.count(), world.anna.__class__.objects.count()) == before


def test_log_times_are_utc(world, login):
    login(world.users["admin"]).get(reverse("participants:list"))
    entry = AccessLogEntry.objects.get()
    assert entry.at.date() <= date.today()
