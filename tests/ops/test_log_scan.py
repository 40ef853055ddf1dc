"""A representative run over the demo writes no personnummer and no participant name to the log.

Several roles open the portfolio, the follow-up, participant lists, participant pages, search by
name and by personnummer, and one request fails on the database's unique constraint for a
personnummer (on PostgreSQL its error repeats the number). The whole captured log is then
searched for every demo participant's personnummer (three forms), full name and surname.
"""

import re

import pytest
from django.core.management import call_command
from django.db import transaction

from samverka.participants.models import Participant
from samverka.partnerships.models import Partnership

from .helpers import captured_log

pytestmark = pytest.mark.django_db
ROLES = ["handlaggare", "anvisare", "stadsmissionen", "namnd", "deltagaradmin"]
PARTICIPANT_LINK = re.compile(r'href="/deltagare/(\d+)/"')


def _forbidden_strings():
    for person in Participant.objects.all():
        if person.personal_number:
            number = person.personal_number
            yield number
            yield f"{number[2:8]}-{number[8:]}"
            yield f"{number[:8]}-{number[8:]}"
        if person.first_name and person.last_name:
            yield f"{person.first_name} {person.last_name}"
            yield person.last_name  # the demo's surnames are invented, used by no one else


def _browse(client, user, someone):
    client.force_login(user)
    partnership = Partnership.objects.order_by("pk").first()
    for url in ("/", "/uppfoljning/?period=2024", f"/uppfoljning/{partnership.pk}/?period=2024",
                "/deltagare/"):
        client.get(url)
    listing = client.get("/deltagare/").content.decode()
    for pk in PARTICIPANT_LINK.findall(listing)[:3]:
        client.get(f"/deltagare/{pk}/")
    client.get(f"/deltagare/{someone.pk}/")
    # A search term in a query string (as a bookmarked or typed URL would carry it).
    client.get("/deltagare/", {"q": someone.last_name})
    client.post("/deltagare/sok/", {"term": someone.last_name})
    client.post("/deltagare/sok/", {"term": someone.personal_number})
    client.logout()


def _duplicate_registration(client, monkeypatch, user, someone):
    """A request that fails on the unique personnummer constraint (an unhandled 500)."""
    from samverka.followup import views

    def duplicate(*args, **kwargs):
        with transaction.atomic():  # as an action would: the failed insert is rolled back
            Participant.objects.create(municipality_id=someone.municipality_id,
                                       personal_number=someone.personal_number,
                                       first_name=someone.first_name,
                                       last_name=someone.last_name,
                                       identity_kind=someone.identity_kind)

    monkeypatch.setattr(views.snapshots, "dashboard", duplicate)
    client.raise_request_exception = False
    client.force_login(user)
    assert client.get("/uppfoljning/").status_code == 500


def test_the_log_holds_no_personnummer_and_no_participant_name(client, monkeypatch,
                                                              django_user_model):
    call_command("load_demo", verbosity=0)
    someone = Participant.objects.exclude(personal_number=None).order_by("pk").first()
    with captured_log() as buffer:
        for name in ROLES:
            _browse(client, django_user_model.objects.get(username=name), someone)
        _duplicate_registration(client, monkeypatch,
                                django_user_model.objects.get(username="handlaggare"), someone)
    log = buffer.getvalue()
    assert log.count('"logger": "samverka.requests"') >= 8 * len(ROLES)
    assert '"logger": "django.request"' in log and "IntegrityError" in log
    found = sorted({text for text in _forbidden_strings() if text in log})
    assert found == [], f"personal data in the log: {len(found)} strings"
