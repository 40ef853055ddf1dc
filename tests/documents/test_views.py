"""The upload-and-review page (needs the database for the user and the policy)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.accounts.models import Profile
from samverka.organisations.models import Municipality

from .converters import blank_pdf, seed_text, txt_to_docx

URL = "/dokument/importera/"


def _login(client, role):
    municipality = Municipality.objects.create(name="Testkommun", code="9999")
    user = get_user_model().objects.create_user(f"{role}-user", password="x")
    Profile.objects.create(user=user, municipality=municipality, role=role)
    client.force_login(user)


@pytest.mark.django_db
def test_officer_uploads_docx_and_sees_values_beside_the_text(client):
    _login(client, "officer")
    assert client.get(URL).status_code == 200
    upload = SimpleUploadedFile("iop.docx", txt_to_docx(seed_text("004")))
    response = client.post(URL, {"memo": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "664 800" in html and "339 200" in html and "325 600" in html
    assert 'id="rad-1"' in html and 'href="#rad-' in html
    assert "Stämmer" in html


@pytest.mark.django_db
def test_conflicts_are_shown(client):
    _login(client, "officer")
    upload = SimpleUploadedFile("info.txt", seed_text("003").encode())
    html = client.post(URL, {"memo": upload}).content.decode()
    assert "Motstridiga" in html and "2021-07-31" in html and "2020-12-31" in html


@pytest.mark.django_db
def test_scanned_pdf_gets_a_swedish_message(client):
    _login(client, "officer")
    response = client.post(URL, {"memo": SimpleUploadedFile("scan.pdf", blank_pdf())})
    assert response.status_code == 400
    assert "saknar textlager" in response.content.decode()


@pytest.mark.django_db
def test_committee_member_may_not_import(client):
    _login(client, "committee")
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
