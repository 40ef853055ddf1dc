"""The partnership page shows who changed what and when, field by field with the value before and
after, in Swedish labels; to the officers, administrators and the committee, not to a party's
staff or case workers."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.partnerships.forms import PartyForm

from .formdata import form_data
from .test_actions_locking import budget_change, partnership_change


def _history(html: str) -> str:
    match = re.search(r'<h2 id="history">.*?(?=<h2 id="sources">)', html, re.S)
    assert match, "no change history on the page"
    return match.group(0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_edit_shows_who_when_and_each_field_before_and_after(reg, client):
    url, data = partnership_change(reg)
    data.update(purpose="Nytt syfte", social_assistance="on", places="12")
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    client.force_login(reg.users["committee"])
    html = client.get(reverse("partnership_detail", args=[reg.partnership.pk])).content.decode()
    history = _text(_history(html))
    assert "Olle Handläggare" in history
    assert timezone.localtime().strftime("%Y-%m-%d") in history
    assert "Ändrad: Partnerskapet" in history
    assert "Syfte : Gammalt syfte → Nytt syfte" in history
    assert "Ekonomiskt bistånd : Nej → Ja" in history
    assert "Heltidsplatser : 10 → 12" in history
    for code_name in ("purpose", "social_assistance", "places", "_partnership", "True"):
        assert code_name not in history


def test_changes_under_the_partnership_are_in_its_history(reg, client):
    url, data = budget_change(reg)
    data.update({"budget-indexation_percent": "2.5", "lines-0-lump_sum": "120000"})
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    party = form_data(PartyForm(instance=reg.party, municipality=reg.town))
    party["role"] = "co_party"
    assert client.post(reverse("party_edit", args=[reg.partnership.pk, reg.party.pk]),
                       party).status_code == 302
    html = client.get(reverse("partnership_detail", args=[reg.partnership.pk])).content.decode()
    history = _text(_history(html))
    assert "Ändrad: Budget" in history
    assert "Årlig uppräkning (%) : 0 → 2,5" in history
    assert "Ändrad: Budgetrad: Handledare" in history
    assert "Belopp (kr) : 100000 → 120000" in history
    assert "Roll : Idéburen part → Samverkanspart" in history


@pytest.mark.parametrize("role", ["officer", "admin", "committee"])
def test_officers_administrators_and_the_committee_see_the_history(reg, client, role):
    client.force_login(reg.users[role])
    html = client.get(reverse("partnership_detail", args=[reg.partnership.pk])).content.decode()
    assert "Ändringshistorik" in html


@pytest.mark.parametrize("role", ["partner_staff", "case_worker"])
def test_partner_staff_and_case_workers_do_not_see_the_history(reg, client, role):
    url, data = partnership_change(reg)
    data["purpose"] = "Internt utkast"
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    client.force_login(reg.users[role])
    response = client.get(reverse("partnership_detail", args=[reg.partnership.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ändringshistorik" not in html and "Gammalt syfte" not in html
    assert "Olle Handläggare" not in html


def test_an_organisation_edit_is_not_in_a_partnership_history(reg, client):
    """Organisations are not under a partnership: their changes must not show up in the history
    of the partnership whose id happens to equal the organisation's."""
    from samverka.organisations.models import Organisation
    from samverka.partnerships.models import Partnership

    from .test_actions_locking import organisation_change

    url, data = organisation_change(reg)
    data["short_name"] = "Kortnamnet"
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    same_id = Partnership.objects.filter(pk=reg.mission.pk).first() or \
        Partnership.objects.create(pk=reg.mission.pk, municipality=reg.town, name="Samma id",
                                   form="iop", committee=reg.committee)
    assert Organisation.objects.get(pk=same_id.pk) == reg.mission
    html = client.get(reverse("partnership_detail", args=[same_id.pk])).content.decode()
    assert "Inga ändringar registrerade i systemet." in _history(html)
