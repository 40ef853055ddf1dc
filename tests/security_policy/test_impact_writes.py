"""Financial proxies and instruments: only roles with MANAGE_IMPACT write, every write audited,
and a stale proxy form gets a conflict page instead of overwriting."""

import pytest
from django.core.exceptions import PermissionDenied

from samverka.accounts.login import LOGIN_SUCCEEDED
from samverka.audit.models import AuditEvent
from samverka.impact import actions
from samverka.impact.models import FinancialProxy, Instrument

PROXY = {"name": "Minskat försörjningsstöd", "amount": "110000", "year": "2024",
         "unit": "per person och år", "source": "Kommunens budget 2024", "note": ""}
INSTRUMENT = {"instrument_name": "Vägen vidare", "description": "", "change_note": "",
              "activate": "on"}


@pytest.mark.parametrize("role", ["case_worker", "partner_staff", "committee"])
def test_roles_without_manage_impact_are_refused_and_nothing_is_written(world, client, role):
    client.force_login(world.users[role])
    assert client.post("/effekt/proxyer/ny/", PROXY).status_code == 403
    assert client.post("/effekt/instrument/ny/", INSTRUMENT).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.save_proxy(world.users[role], **PROXY)
    with pytest.raises(PermissionDenied):
        actions.create_instrument_version(world.users[role], "Vägen vidare", [])
    assert not FinancialProxy.objects.exists() and not Instrument.objects.exists()
    assert not AuditEvent.objects.exclude(action=LOGIN_SUCCEEDED).exists()  # signing in is audited


def test_stale_proxy_save_gets_the_conflict_page_and_loses_nothing(world, client):
    proxy = actions.save_proxy(world.users["officer"], **PROXY)
    assert proxy.version == 1
    url = f"/effekt/proxyer/{proxy.pk}/"
    client.force_login(world.users["officer"])
    first = client.post(url, {**PROXY, "amount": "120000", "version": "1"})
    assert first.status_code == 302
    client.force_login(world.users["admin"])
    second = client.post(url, {**PROXY, "amount": "99000", "note": "Alices källa",
                               "version": "1"})
    assert second.status_code == 409
    body = second.content.decode()
    assert "Någon annan sparade proxyn" in body
    assert "120000" in body and "99000" in body and "Alices källa" in body
    assert "skiljer sig" in body
    proxy.refresh_from_db()
    assert (proxy.amount, proxy.note, proxy.version) == (120_000, "", 2)
    assert second.context["form"].data["version"] == 2
    updates = AuditEvent.objects.filter(action="impact.proxy.update")
    assert [event.changes for event in updates] == [{"amount": 120_000, "version": 2}]
    third = client.post(url, {**PROXY, "amount": "99000", "version": "2"})
    assert third.status_code == 302


def _new_version_post(version_number, note, dimension):
    return {"instrument_name": "Vägen vidare", "description": "", "change_note": note,
            "activate": "on", "based_on_number": str(version_number),
            "dimensions-TOTAL_FORMS": "1", "dimensions-INITIAL_FORMS": "0",
            "dimensions-MIN_NUM_FORMS": "0", "dimensions-MAX_NUM_FORMS": "1000",
            "dimensions-0-name": dimension, "dimensions-0-key": "",
            "dimensions-0-steps": "1=Låg\n2=Mellan\n3=Hög", "dimensions-0-description": ""}


def test_a_version_made_from_a_stale_form_is_refused_and_shown_what_changed(world, client):
    first = actions.create_instrument_version(world.users["officer"], "Vägen vidare", [
        actions.DimensionInput("sprak", "Språk", [(1, "Låg"), (2, "Hög")])])
    url = f"/effekt/instrument/ny/?instrument={first.instrument_id}"
    client.force_login(world.users["officer"])
    form = client.get(url).context["form"]
    assert form["based_on_number"].value() == 1
    assert client.post(url, _new_version_post(1, "Olles version", "Hälsa")).status_code == 302
    client.force_login(world.users["admin"])
    stale = client.post(url, _new_version_post(1, "Alices version", "Arbete"))
    body = stale.content.decode()
    assert "Någon annan sparade version 2 av instrumentet" in body
    assert "Olles version" in body and "Hälsa" in body  # what the other person saved
    assert 'value="Arbete"' in body and "Alices version" in body  # own input kept
    assert list(first.instrument.versions.values_list("number", "change_note")
                .order_by("number")) == [(1, ""), (2, "Olles version")]
    assert stale.context["form"].data["based_on_number"] == 2
    again = client.post(url, _new_version_post(2, "Alices version", "Arbete"))
    assert again.status_code == 302
    assert first.instrument.versions.count() == 3
