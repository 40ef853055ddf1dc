"""Issue 15: attachments kept with their object, versioned, checked on upload and downloaded
through the policy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.partnerships.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _upload(client, reg, name="avtal.pdf", data=PDF, kind="signed_agreement", target=None):
    target = f"version:{reg.version.pk}" if target is None else target
    return client.post(reverse("attachment_create", args=[reg.partnership.pk]), {
        "kind": kind, "target": target, "file": SimpleUploadedFile(name, data)})


def test_a_new_upload_of_the_same_kind_is_a_new_version_and_the_old_is_kept(client, reg):
    client.force_login(reg.users["officer"])
    assert "Avbryt" in client.get(reverse("attachment_create",
                                          args=[reg.partnership.pk])).content.decode()
    first = _upload(client, reg)
    assert first.status_code == 302 and first["Location"].endswith("#attachments")
    _upload(client, reg, name="avtal-undertecknat.pdf", data=PDF + b"%2")
    rows = list(Attachment.objects.filter(version=reg.version).order_by("number"))
    assert [(row.number, row.file_name) for row in rows] == [
        (1, "avtal.pdf"), (2, "avtal-undertecknat.pdf")]
    assert AuditEvent.objects.filter(action="attachment.create").count() == 2
    page = client.get(reverse("partnership_detail", args=[reg.partnership.pk]))
    html = page.content.decode()
    assert "avtal.pdf" in html and "avtal-undertecknat.pdf" in html
    download = client.get(reverse("attachment_download", args=[rows[0].pk]))
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("avtal.exe", b"MZ\x90\x00", "Bara PDF"),
    ("avtal.pdf", b"<html>", "stämmer inte med filnamnet"),
    ("avtal.pdf", b"", "tom"),
])
def test_bad_uploads_are_refused_on_the_field(client, reg, name, data, message):
    client.force_login(reg.users["officer"])
    response = _upload(client, reg, name=name, data=data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Attachment.objects.exists()


def test_too_big_upload_is_refused(client, reg, settings):
    from samverka.core import uploads

    client.force_login(reg.users["officer"])
    big = PDF + b"0" * (uploads.ATTACHMENT_MAX_BYTES + 1)
    settings.REQUEST_BODY_MAX_BYTES = 20 * 1024 * 1024
    response = _upload(client, reg, data=big)
    assert "större än 8 MB" in " ".join(response.context["form"].errors["file"])
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("committee", 403), ("partner_staff", 403),
                                             ("outsider", 404)])
def test_upload_refused_by_policy(client, reg, who, status):
    client.force_login(reg.users[who])
    assert _upload(client, reg).status_code == status
    assert not Attachment.objects.exists()


@pytest.fixture
def stored(client, reg):
    client.force_login(reg.users["officer"])
    _upload(client, reg)
    client.logout()
    return Attachment.objects.get()


@pytest.mark.parametrize(("who", "status"), [("committee", 200), ("partner_staff", 200),
                                             ("outsider", 404), ("case_worker", 200)])
def test_download_by_policy(client, reg, stored, who, status):
    client.force_login(reg.users[who])
    assert client.get(reverse("attachment_download", args=[stored.pk])).status_code == status


def test_partner_of_another_organisation_may_not_download(client, reg, stored):
    from tests.factories import OrganisationFactory, Role, make_user

    other = OrganisationFactory(municipality=reg.town, name="Annan förening")
    client.force_login(make_user("ivan", Role.PARTNER_STAFF, reg.town, other))
    assert client.get(reverse("attachment_download", args=[stored.pk])).status_code == 403
