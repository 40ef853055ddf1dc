"""Two officers editing the same referral at once: exactly one wins, the other gets a clear
conflict message and keeps their input (optimistic locking on Referral.version)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.urls import reverse

from samverka.participants import actions
from samverka.participants.models import Referral


def form(referral, note, hours):
    return {"version": referral.version, "partnership": referral.partnership_id,
            "requested_on": "2024-01-10", "planned_hours_per_week": hours,
            "action_plan_reference": referral.action_plan_reference, "consent_to_share": "on",
            "note": note}


def test_second_save_with_stale_version_gets_conflict_page(world, client):
    referral = world.anna_referral
    first, second = form(referral, "Olles anteckning", "20"), form(referral, "Alice", "30")
    client.force_login(world.users["officer"])
    assert client.post(reverse("participants:referral_edit", args=[referral.pk]),
                       first).status_code == 302
    client.force_login(world.users["admin"])
    response = client.post(reverse("participants:referral_edit", args=[referral.pk]), second)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Någon annan sparade anvisningen" in body
    assert "Alice" in body and "Olles anteckning" in body  # own input kept, saved one shown
    referral.refresh_from_db()
    assert (referral.note, referral.version) == ("Olles anteckning", 2)
    # Saving again from the conflict page (now with version 2) works.
    assert response.context["form"].data["version"] == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_at_once_on_postgres(world):
    if connection.vendor != "postgresql":
        pytest.skip("optimistic locking under real concurrency needs PostgreSQL")
    referral_id = world.anna_referral.pk
    barrier = threading.Barrier(2)
    results = {}

    def edit(name, user, note):
        try:
            version = Referral.objects.get(pk=referral_id).version  # both read version 1
            barrier.wait(timeout=10)
            actions.update_referral(user, referral_id, version, note=note,
                                    requested_on=date(2024, 1, 10))
            results[name] = "saved"
        except actions.Conflict as conflict:
            results[name] = ("conflict", conflict.current.note, str(conflict))
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
    outcomes = sorted(results.values(), key=str)
    assert len(outcomes) == 2
    saved = [name for name, value in results.items() if value == "saved"]
    lost = [value for value in results.values() if value != "saved"]
    assert len(saved) == 1 and len(lost) == 1
    referral = Referral.objects.get(pk=referral_id)
    assert referral.version == 2
    assert referral.note == f"från {'Olle' if saved == ['olle'] else 'Alice'}"
    _kind, current_note, message = lost[0]
    assert current_note == referral.note  # the loser is shown what was saved
    assert "ändrat" in message
