"""A register form opened before a document import and saved after it gets the conflict page:
the import raised the rows' lock versions, so nothing it wrote is silently overwritten."""

import pytest
from django.urls import reverse

from samverka.partnerships.models import Partnership
from tests.factories import MunicipalityFactory, Role, make_user
from tests.register.formdata import form_data, formset_data
from tests.register.test_actions_locking import _conflict_table

from .converters import seed_text
from .test_import_confirm import IAF, URL, _post_data, _review

NAME = "IOP Östergötlands Stadsmission"

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    client.force_login(make_user("olga", Role.OFFICER, MunicipalityFactory(code="0599")))
    return client


def _import(client, **changes):
    response = _review(client, seed_text("001"))
    data = _post_data(response, partnership_name=NAME, administration=IAF, **changes)
    assert client.post(URL, data).status_code == 302
    return Partnership.objects.get(name=NAME)


def test_a_partnership_form_opened_before_an_import_gets_the_conflict_page(officer):
    partnership = _import(officer)
    url = reverse("partnership_edit", args=[partnership.pk])
    opened = form_data(officer.get(url).context["form"])
    _import(officer, places="40")
    opened["purpose"] = "Mitt syfte"

    response = officer.post(url, opened)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan sparade ändringar medan du redigerade" in html
    table = _conflict_table(html)
    assert "Heltidsplatser" in table and "40" in table
    assert response.context["form"].data["purpose"] == "Mitt syfte"  # the input is kept
    partnership.refresh_from_db()
    assert (partnership.places, partnership.purpose) == (40, "")


def test_a_budget_form_opened_before_an_import_gets_the_conflict_page(officer):
    partnership = _import(officer)
    version = partnership.versions.get()
    budget = version.budgets.get()
    url = reverse("budget_edit", args=[partnership.pk, version.pk, budget.pk])
    page = officer.get(url)
    opened = {**form_data(page.context["form"]), **formset_data(page.context["formset"])}
    _import(officer, committee_amount="1810000", total="6628600")
    opened["budget-note"] = "Min kommentar"

    response = officer.post(url, opened)
    assert response.status_code == 409
    table = _conflict_table(response.content.decode())
    assert "insats”: Belopp (kr)</th><td>1710000</td><td>1810000</td>" in table
    committee_line = budget.lines.get(party__organisation=partnership.committee)
    assert committee_line.lump_sum == 1810000
    budget.refresh_from_db()
    assert budget.note == ""


def test_confirming_an_import_again_raises_every_lock_version_it_writes(officer):
    partnership = _import(officer)
    version = partnership.versions.get()
    budget, decision = version.budgets.get(), partnership.decisions.get()
    before = [row.lock_version for row in (partnership, version, budget, decision)]
    _import(officer, places="40")
    for row in (partnership, version, budget, decision):
        row.refresh_from_db()
    after = [row.lock_version for row in (partnership, version, budget, decision)]
    assert all(new > old for new, old in zip(after, before, strict=True)), (before, after)
