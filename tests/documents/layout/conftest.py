"""Every document the demo generates, built once per test module: the follow-up report of each
partnership and year with placements, the portfolio report of those years, the memo of every
agreement version, in PDF and DOCX, and the exports (portfolio CSV/XLSX, dashboard XLSX)."""

from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction

from samverka.organisations.models import Municipality


@dataclass
class Generated:
    pdf: dict[str, bytes] = field(default_factory=dict)
    docx: dict[str, bytes] = field(default_factory=dict)
    xlsx: dict[str, bytes] = field(default_factory=dict)
    csv: dict[str, bytes] = field(default_factory=dict)


def followup_years(municipality) -> list[int]:
    from samverka.participants.models import Placement

    starts = Placement.objects.filter(partnership__municipality=municipality).dates(
        "start", "year")
    return sorted({day.year for day in starts})


def generate(municipality) -> Generated:
    from samverka.documents.generation import memo_context, render
    from samverka.followup import report
    from samverka.followup.periods import year_period
    from samverka.partnerships.models import AgreementVersion, Partnership

    out = Generated()
    years = followup_years(municipality)
    for fmt in ("pdf", "docx"):
        target = out.pdf if fmt == "pdf" else out.docx
        for year in years:
            period = year_period(year)
            target[f"portfolio-{year}"] = report.build(None, municipality, period, fmt,
                                                       officer="Hanna Handläggare")
            for item in Partnership.objects.filter(municipality=municipality,
                                                   placements__start__year=year).distinct():
                target[f"uppfoljning-{item.pk}-{year}"] = report.build(item, municipality,
                                                                       period, fmt)
        for version in AgreementVersion.objects.filter(partnership__municipality=municipality):
            target[f"memo-{version.partnership_id}-v{version.number}"] = render(
                memo_context(version), fmt)
    out.xlsx, out.csv = exports(municipality, years)
    return out


def exports(municipality, years):
    from samverka.followup import exports as followup_exports
    from samverka.followup.periods import year_period
    from samverka.followup.views import dashboard_data
    from samverka.partnerships import exports as portfolio_exports
    from samverka.partnerships.selectors import portfolio as portfolio_selector

    xlsx, csv = {}, {"placeringar": placements_csv(municipality)}
    for year in years:
        data = portfolio_exports.portfolio_dict(portfolio_selector(municipality, year),
                                                municipality)
        xlsx[f"portfolj-{year}"] = portfolio_exports.portfolio_xlsx(data)
        csv[f"portfolj-{year}"] = portfolio_exports.portfolio_csv(data).encode("utf-8")
        period = year_period(year)
        xlsx[f"uppfoljning-{year}"] = followup_exports.dashboard_xlsx(
            dashboard_data(municipality, period, live=True), period, municipality.name)
    return xlsx, csv


def placements_csv(municipality) -> bytes:
    """The participants export as an officer downloads it (participants:export)."""
    from django.test import Client
    from django.urls import reverse

    from tests.factories import Role, make_user

    client = Client()
    client.force_login(make_user("layout-officer", Role.OFFICER, municipality))
    response = client.get(reverse("participants:export"))
    assert response.status_code == 200
    return response.content


@pytest.fixture(scope="package")
def generated(django_db_setup, django_db_blocker):
    """The demo (participants, follow-up and impact included) and all its documents, rolled back
    afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield generate(Municipality.objects.get(code="0580"))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
