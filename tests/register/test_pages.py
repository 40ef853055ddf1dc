"""The register's pages: what officers and committee members see, and what outsiders don't."""

import pytest
from django.urls import reverse

from samverka.partnerships.models import Partnership


def test_login_is_required(client, demo):
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_portfolio_page_shows_seed_003_totals(client, officer):
    client.force_login(officer)
    page = client.get(reverse("portfolio"), {"year": 2019}).content.decode()
    assert "6\u00a0300\u00a0926\u00a0kr" in page
    assert "3\u00a0670\u00a0000\u00a0kr" in page
    assert "Övriga samverkansformer" in page


def test_portfolio_filter_by_form(client, officer):
    client.force_login(officer)
    page = client.get(reverse("portfolio"), {"year": 2019, "form": "lou"}).content.decode()
    assert "Arena Ryds Herrgård" in page
    assert "Hoppfull framtid" not in page


def test_partnership_page_shows_latest_possible_end(client, officer):
    client.force_login(officer)
    bilda = Partnership.objects.get(name="IOP Bilda Sydöst och Erikshjälpen")
    page = client.get(reverse("partnership_detail", args=[bilda.pk]), {"year": 2024})
    text = page.content.decode()
    assert "2029-12-31" in text
    assert "2\u00a0368\u00a0800\u00a0kr" in text
    assert "minst 592\u00a0200\u00a0kr" in text


def test_partnership_page_shows_the_end_date_conflict(client, officer):
    client.force_login(officer)
    arena = Partnership.objects.get(name="Arena Ryds Herrgård")
    text = client.get(reverse("partnership_detail", args=[arena.pk])).content.decode()
    assert "Källorna säger olika" in text
    assert "2020-12-31" in text and "2021-07-31" in text


def test_exports_download_as_files(client, committee_member):
    client.force_login(committee_member)
    xlsx = client.get(reverse("portfolio"), {"year": 2019, "export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv = client.get(reverse("portfolio"), {"year": 2019, "export": "csv"})
    assert "Hoppfull framtid" in csv.content.decode()


def test_outsider_gets_404_for_another_municipalitys_partnership(client, outsider, demo):
    client.force_login(outsider)
    hoppfull = Partnership.objects.get(name="Hoppfull framtid")
    assert client.get(reverse("partnership_detail", args=[hoppfull.pk])).status_code == 404
    assert client.get(reverse("partnership_edit", args=[hoppfull.pk])).status_code == 404
    page = client.get(reverse("portfolio"), {"year": 2019}).content.decode()
    assert "Hoppfull framtid" not in page


@pytest.mark.parametrize("name", ["partnership_edit", "party_create", "version_create",
                                  "decision_create"])
def test_committee_member_cannot_edit(client, committee_member, name):
    client.force_login(committee_member)
    hoppfull = Partnership.objects.get(name="Hoppfull framtid")
    assert client.get(reverse(name, args=[hoppfull.pk])).status_code == 403


def test_english_translation_is_available(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portfolio"), {"year": 2019}).content.decode()
    assert '<html lang="en">' in page
    assert "Portfolio 2019" in page


def test_superuser_reaches_the_django_admin(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get("/admin/partnerships/partnership/").status_code == 200
    assert client.get("/admin/budgets/budget/").status_code == 200


def test_swedish_is_the_default_whatever_the_browser_asks_for(client, demo):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in page
    assert "Logga in" in page
