"""Issue 15: a memo import that would create a second partnership with the same registry number
(or the same party and period) is refused on the name, and offers to open or update the
existing one."""

import pytest

from samverka.partnerships.models import Partnership
from tests.factories import MunicipalityFactory, Role, make_user

from .converters import seed_text
from .test_import_confirm import IAF, URL, _counts, _post_data, _review

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    """Olga, officer in a municipality whose register is still empty."""
    municipality = MunicipalityFactory(name="Exempelkommun", code="0599")
    client.force_login(make_user("olga", Role.OFFICER, municipality))
    return client


def _first_import(client):
    response = _review(client, seed_text("001"))
    data = _post_data(response, partnership_name="IOP Östergötlands Stadsmission",
                      administration=IAF)
    assert client.post(URL, data).status_code == 302
    return Partnership.objects.get(name="IOP Östergötlands Stadsmission")


def test_same_registry_number_under_another_name_is_refused(officer_client):
    existing = _first_import(officer_client)
    response = _review(officer_client, seed_text("001"))
    data = _post_data(response, partnership_name="IOP med Östergötlands Stadsmission",
                      administration=IAF)
    before = _counts()
    refused = officer_client.post(URL, data)
    assert refused.status_code == 400
    errors = " ".join(refused.context["import_form"].errors["partnership_name"])
    assert "samma diarienummer" in errors
    html = refused.content.decode()
    assert f'href="/partnerskap/{existing.pk}/"' in html
    assert f'name="update_existing" value="{existing.pk}"' in html
    assert _counts() == before


def test_choosing_to_update_the_existing_partnership_creates_no_second_one(officer_client):
    existing = _first_import(officer_client)
    response = _review(officer_client, seed_text("001"))
    data = _post_data(response, partnership_name="IOP med Östergötlands Stadsmission",
                      administration=IAF)
    data.pop("confirm")
    data["update_existing"] = existing.pk
    updated = officer_client.post(URL, data)
    assert updated.status_code == 302 and updated["Location"] == f"/partnerskap/{existing.pk}/"
    assert Partnership.objects.filter(name__icontains="Stadsmission").count() == 1


def test_same_party_and_period_without_registry_number_is_refused(officer_client):
    _first_import(officer_client)
    response = _review(officer_client, seed_text("001"))
    data = _post_data(response, partnership_name="Stadsmissionens arbetsträning",
                      administration=IAF, registry_number="")
    before = _counts()
    refused = officer_client.post(URL, data)
    assert refused.status_code == 400
    assert "samma idéburna part och samma period" in " ".join(
        refused.context["import_form"].errors["partnership_name"])
    assert _counts() == before
