"""Who may open the memo and import pages: officers of the partnership's municipality only."""

from __future__ import annotations

import pytest

from samverka.documents.actions import generate_memo

pytestmark = pytest.mark.django_db


def _url(version):
    return (f"/dokument/partnerskap/{version.partnership_id}/versioner/{version.pk}/"
            "tjansteskrivelse/")


def test_officer_sees_the_form_prefilled_and_generates_versions(client, officer, bilda_version):
    client.force_login(officer)
    response = client.get(_url(bilda_version))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 368 800 kronor" in html and "Mikaela Schullström" in html
    assert "<caption>" in html and 'scope="row"' in html
    for _ in range(2):
        form = client.get(_url(bilda_version)).context["form"]
        data = {name: value for name, value in form.initial.items() if value is not None}
        data.update({"format": "pdf", "memo_date": "2023-08-29", "generate": "1"})
        assert client.post(_url(bilda_version), data).status_code == 302
    html = client.get(_url(bilda_version)).content.decode()
    assert "-v1-1.pdf" in html and "-v1-2.pdf" in html


def test_missing_decision_points_is_an_error_on_the_field(client, officer, bilda_version):
    client.force_login(officer)
    response = client.post(_url(bilda_version), {"format": "docx", "memo_date": "2023-08-29",
                                                 "points": " ", "arende": "x",
                                                 "beslutsunderlag": "x"})
    assert response.status_code == 400
    assert 'id="id_points_error"' in response.content.decode()
    assert not bilda_version.memos.exists()


def test_committee_member_gets_403(client, committee_member, bilda_version):
    client.force_login(committee_member)
    assert client.get(_url(bilda_version)).status_code == 403
    assert client.post(_url(bilda_version), {"format": "pdf"}).status_code == 403
    assert client.get("/dokument/importera/").status_code == 403


def test_other_municipality_gets_404(client, outsider, officer, bilda_version):
    memo = generate_memo(officer, bilda_version, "docx")
    client.force_login(outsider)
    assert client.get(_url(bilda_version)).status_code == 404
    assert client.get(f"/dokument/tjansteskrivelser/{memo.pk}/").status_code == 404


def test_download_gives_the_stored_file(client, officer, committee_member, bilda_version):
    memo = generate_memo(officer, bilda_version, "docx")
    client.force_login(committee_member)  # may read the register, so may read decisions
    response = client.get(f"/dokument/tjansteskrivelser/{memo.pk}/")
    assert response.status_code == 200
    assert response.content == bytes(memo.content)
    assert memo.file_name in response["Content-Disposition"]
