"""Dialogue meetings are written through actions: policy checked, audited, optimistically locked."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.urls import reverse

from samverka.accounts.login import LOGIN_SUCCEEDED
from samverka.audit.models import AuditEvent
from samverka.followup import dialogue
from samverka.followup.models import DialogueMeeting


def meeting_post(date_text="2024-03-01", participants="Olle, Stina", minutes="", version=None):
    data = {"date": date_text, "status": "held", "participants": participants,
            "topic_participants": "on", "minutes": minutes}
    if version is not None:
        data["version"] = version
    return data


def audit_rows(action):
    return list(AuditEvent.objects.filter(action=action))


@pytest.mark.parametrize("role", ["case_worker", "partner_staff", "committee"])
def test_roles_without_edit_rights_are_refused_and_nothing_is_written(world, client, role):
    client.force_login(world.users[role])
    url = reverse("followup:meeting_create", args=[world.p_mission.pk])
    response = client.post(url, meeting_post())
    assert response.status_code == 403
    assert not DialogueMeeting.objects.exists()
    assert not AuditEvent.objects.exclude(action=LOGIN_SUCCEEDED).exists()  # signing in is audited
    with pytest.raises(PermissionDenied):
        dialogue.create_meeting(world.users[role], world.p_mission.pk, date=date(2024, 3, 1))
    assert not DialogueMeeting.objects.exists()


def test_another_municipality_is_not_found(world, client):
    client.force_login(world.users["outsider"])
    url = reverse("followup:meeting_create", args=[world.p_mission.pk])
    assert client.post(url, meeting_post()).status_code == 404
    assert not DialogueMeeting.objects.exists()


def test_create_and_update_write_audit_rows(world, client):
    client.force_login(world.users["officer"])
    url = reverse("followup:meeting_create", args=[world.p_mission.pk])
    assert client.post(url, meeting_post()).status_code == 302
    meeting = DialogueMeeting.objects.get()
    [created] = audit_rows("dialogue_meeting.create")
    assert created.user == world.users["officer"] and created.object_id == str(meeting.pk)
    assert created.changes["participants"] == "Olle, Stina"
    edit = reverse("followup:meeting_edit", args=[world.p_mission.pk, meeting.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, meeting_post(minutes="Bra möte", version=1))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("Bra möte", 2)
    [updated] = audit_rows("dialogue_meeting.update")
    assert updated.changes == {"minutes": {"before": "", "after": "Bra möte"}, "version": 2}


def test_edit_by_a_reader_is_refused(world, client):
    meeting = dialogue.create_meeting(world.users["officer"], world.p_mission.pk,
                                      date=date(2024, 3, 1), minutes="orört")
    client.force_login(world.users["committee"])
    edit = reverse("followup:meeting_edit", args=[world.p_mission.pk, meeting.pk])
    assert client.post(edit, meeting_post(minutes="ändrat", version=1)).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("orört", 1)
    assert not audit_rows("dialogue_meeting.update")


def test_stale_save_gets_the_conflict_page_and_loses_nothing(world, client):
    meeting = dialogue.create_meeting(world.users["officer"], world.p_mission.pk,
                                      date=date(2024, 3, 1), participants="Olle")
    edit = reverse("followup:meeting_edit", args=[world.p_mission.pk, meeting.pk])
    client.force_login(world.users["officer"])
    first = client.post(edit, meeting_post(minutes="Olles anteckningar", version=1))
    assert first.status_code == 302
    client.force_login(world.users["admin"])
    second = client.post(edit, meeting_post(minutes="Alices anteckningar", version=1))
    assert second.status_code == 409
    body = second.content.decode()
    assert "Någon annan sparade dialogmötet" in body
    assert "Olles anteckningar" in body and "Alices anteckningar" in body
    assert "skiljer sig" in body  # the changed field is pointed out
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("Olles anteckningar", 2)
    assert len(audit_rows("dialogue_meeting.update")) == 1
    # The conflict page carries the new version: saving again from it works.
    assert second.context["form"].data["version"] == 2
    third = client.post(edit, meeting_post(minutes="Alices anteckningar", version=2))
    assert third.status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_edit_one_meeting_at_once_on_postgres(world):
    if connection.vendor != "postgresql":
        pytest.skip("optimistic locking under real concurrency needs PostgreSQL")
    meeting = dialogue.create_meeting(world.users["officer"], world.p_mission.pk,
                                      date=date(2024, 3, 1))
    barrier = threading.Barrier(2)
    results = {}

    def edit(name, user, minutes):
        try:
            version = DialogueMeeting.objects.get(pk=meeting.pk).version  # both read 1
            barrier.wait(timeout=10)
            dialogue.update_meeting(user, meeting.pk, version, minutes=minutes)
            results[name] = "saved"
        except dialogue.MeetingConflict as conflict:
            results[name] = ("conflict", conflict.current.minutes)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=edit, args=("olle", world.users["officer"], "från Olle")),
        threading.Thread(target=edit, args=("alice", world.users["admin"], "från Alice")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    saved = [name for name, value in results.items() if value == "saved"]
    lost = [value for value in results.values() if value != "saved"]
    assert len(saved) == 1 and len(lost) == 1
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert meeting.minutes == f"från {'Olle' if saved == ['olle'] else 'Alice'}"
    assert lost[0] == ("conflict", meeting.minutes)  # the loser is shown what was saved
    assert AuditEvent.objects.filter(action="dialogue_meeting.update").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_post_the_same_meeting_form_at_once_on_postgres(world):
    if connection.vendor != "postgresql":
        pytest.skip("optimistic locking under real concurrency needs PostgreSQL")
    from django.test import Client

    meeting = dialogue.create_meeting(world.users["officer"], world.p_mission.pk,
                                      date=date(2024, 3, 1))
    edit = reverse("followup:meeting_edit", args=[world.p_mission.pk, meeting.pk])
    barrier = threading.Barrier(2)
    responses = {}

    def post(name, user, minutes):
        client = Client()
        client.force_login(user)
        try:
            assert client.get(edit).context["form"]["version"].value() == 1  # both read 1
            barrier.wait(timeout=10)
            responses[name] = client.post(edit, meeting_post(minutes=minutes, version=1))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=("olle", world.users["officer"], "från Olle")),
        threading.Thread(target=post, args=("alice", world.users["admin"], "från Alice")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.status_code for r in responses.values()) == [302, 409]
    winner = next(name for name, r in responses.items() if r.status_code == 302)
    loser = next(r for r in responses.values() if r.status_code == 409)
    meeting.refresh_from_db()
    assert meeting.minutes == f"från {'Olle' if winner == 'olle' else 'Alice'}"
    body = loser.content.decode()
    assert "Någon annan sparade dialogmötet" in body
    assert "från Olle" in body and "från Alice" in body  # saved and own input both shown


def test_the_edit_link_shows_only_to_those_who_may_edit(world, client):
    meeting = dialogue.create_meeting(world.users["officer"], world.p_mission.pk,
                                      date=date(2024, 3, 1))
    edit = reverse("followup:meeting_edit", args=[world.p_mission.pk, meeting.pk])
    page = reverse("followup:partnership", args=[world.p_mission.pk]) + "?period=2024"
    client.force_login(world.users["officer"])
    assert edit in client.get(page).content.decode()
    client.force_login(world.users["committee"])
    response = client.get(page)
    assert response.status_code == 200 and edit not in response.content.decode()
