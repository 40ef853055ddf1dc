"""Two case workers register the same new personnummer at the same moment (PostgreSQL, separate
connections): both referrals are saved and linked to one identity, nobody gets a 500, and the
number appears in no log output (the unique-constraint error text would carry it)."""

import logging
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from samverka.participants.identity import make_number
from samverka.participants.models import Participant, Referral

NUMBER = make_number(__import__("datetime").date(1980, 3, 3), 982)


def form(world, unit, first):
    return {"kind": "personnummer", "number": NUMBER, "first_name": first,
            "last_name": "Samtidig", "partnership": world.p_ikf.pk,
            "referring_unit": unit.pk, "requested_on": "2024-05-02"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_new_number_registered_twice_at_once(world, monkeypatch, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")
    caplog.set_level(logging.DEBUG)
    # Both requests look the number up (not found) before either inserts: each waits here,
    # just before its first insert, for the other one.
    barrier = threading.Barrier(2)
    real_create = Participant.objects.create
    waited = set()

    def create_after_both_looked(**fields):
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait(timeout=15)
        return real_create(**fields)

    monkeypatch.setattr(Participant.objects, "create", create_after_both_looked)
    results = {}

    def register(name, user, unit):
        client = Client(raise_request_exception=False)
        try:
            client.force_login(user)
            response = client.post(reverse("participants:referral_create"),
                                   form(world, unit, name))
            results[name] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=register,
                         args=("Cecilia", world.users["case_worker"], world.amc)),
        threading.Thread(target=register,
                         args=("Tove", world.users["other_case_worker"], world.utreda)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(waited) == 2  # both really raced to insert
    # No log output of any kind carries the number (nor the database's error detail).
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert NUMBER not in logged and NUMBER[2:8] + "-" not in logged
    assert "Key (municipality_id" not in logged
    statuses = {name: status for name, (status, _body) in results.items()}
    assert 500 not in statuses.values()
    people = Participant.objects.filter(personal_number=NUMBER)
    assert people.count() == 1  # one identity row
    referrals = Referral.objects.filter(participant=people.get())
    if statuses == {"Cecilia": 302, "Tove": 302}:
        assert sorted(r.referring_unit.name for r in referrals) == ["AMC", "Team utreda"]
    else:  # the clean alternative: a Swedish message on the form, nothing saved for them
        assert sorted(statuses.values()) == [200, 302]
        loser = next(name for name, status in statuses.items() if status == 200)
        assert "samtidigt" in results[loser][1]
        assert referrals.count() == 1
