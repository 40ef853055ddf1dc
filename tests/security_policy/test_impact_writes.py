"""Financial proxies and instruments: only roles with MANAGE_IMPACT write, every write audited,
and a stale proxy form gets a conflict page instead of overwriting."""

import pytest
from django.core.exceptions import PermissionDenied

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
    assert not AuditEvent.objects.exists()


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
