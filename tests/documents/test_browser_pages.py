"""The memo page and the import page in a real browser: no serious axe violations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samverka.demo.loader import load_demo
from samverka.partnerships.models import Partnership
from tests.browser import follow, log_in, serious_violations
from tests.factories import Role, make_user

from .converters import seed_path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_memo_and_import_pages_are_accessible(page, live_server):
    municipality = load_demo()
    make_user("olle", Role.OFFICER, municipality)
    version = Partnership.objects.get(name="IOP Bilda Sydöst och Erikshjälpen").versions.get()
    log_in(page, live_server.url, "olle", "pw")

    page.goto(live_server.url + reverse("documents:memo", args=[version.partnership_id,
                                                              version.pk]))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tjänsteskrivelse")
    page.get_by_label("PDF").check()
    follow(page.get_by_role("button", name="Spara texterna och skapa dokumentet"))
    expect(page.get_by_role("link", name="Ladda ner")).to_have_count(1)  # waits for the reply
    assert serious_violations(page) == []

    page.goto(live_server.url + reverse("documents:upload"))
    page.get_by_label("Tjänsteskrivelse").set_input_files(str(seed_path("001")))
    follow(page.get_by_role("button", name="Läs in"))
    expect(page.get_by_role("button", name="Bekräfta och spara i registret")).to_be_visible()
    assert serious_violations(page) == []
