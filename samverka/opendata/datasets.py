"""The open-data sets of one municipality: rows of plain JSON values, nothing personal.

Only the register's non-personal facts (partnerships, organisations as parties, agreement
periods, budgets) and the follow-up figures of the publication layer
(followup.publication.portfolio: small counts and their complements already withheld) are
read here. No participant, referral, placement, user or free-text field that may name a
person (decisions' signatories, meeting notes) is ever read.
"""

from dataclasses import dataclass

from django.utils import timezone

from samverka.budgets.selectors import budget_for_year
from samverka.followup.periods import year_period
from samverka.followup.publication import portfolio
from samverka.partnerships.models import AgreementVersion, Party
from samverka.partnerships.selectors import partnerships_for

from . import columns


@dataclass(frozen=True)
class Dataset:
    key: str  # the file name's stem: /oppna-data/<key>.json
    title: str
    description: str
    columns: list
    keywords: tuple = ()


PARTNERSHIPS = Dataset(
    "partnerskap", "Partnerskap",
    "Kommunens idéburna offentliga partnerskap (IOP) och andra samverkansformer: namn, "
    "samverkansform, ansvarig nämnd, målgrupp, aktivitet, platser, anvisningsvägar och den "
    "senaste överenskommelsens period.", columns.PARTNERSHIPS,
    ("idéburet offentligt partnerskap", "IOP", "civilsamhälle", "arbetsmarknad"))
PARTIES = Dataset(
    "parter", "Parter i partnerskapen",
    "Organisationerna som är parter i varje partnerskap och deras roll.", columns.PARTIES,
    ("idéburen organisation", "IOP", "civilsamhälle"))
PERIODS = Dataset(
    "avtalsperioder", "Överenskommelser och avtalsperioder",
    "Varje överenskommelse och revidering: period, status och möjliga förlängningar.",
    columns.PERIODS, ("överenskommelse", "avtalsperiod", "IOP"))
ECONOMICS = Dataset(
    "ekonomi", "Värde och nämndens kostnad per år",
    "Partnerskapens värde per kalenderår enligt budget (indexerad), nämndens kostnad och de "
    "idéburna parternas insats. Okänt belopp är tomt (null), aldrig 0.", columns.ECONOMICS,
    ("budget", "kostnad", "IOP"))
STATISTICS = Dataset(
    "statistik", "Uppföljning per år",
    "Publicerad uppföljning per partnerskap och kalenderår: beläggning, deltagare, flöde, "
    "utfall och kostnad. Antal personer från 1 till gränsen för röjandekontroll visas aldrig: "
    "de är \"..\" (undertryckta), okända tal är tomma (null).", columns.STATISTICS,
    ("uppföljning", "statistik", "beläggningsgrad", "arbetsmarknad"))

REGISTER_SETS = [PARTNERSHIPS, PARTIES, PERIODS, ECONOMICS]
BY_KEY = {dataset.key: dataset for dataset in REGISTER_SETS}


def _iso(day):
    return day.isoformat() if day else None


def _partnerships(municipality):
    return list(partnerships_for(municipality).order_by("id"))


def partnership_rows(municipality) -> list[dict]:
    rows = []
    for item in _partnerships(municipality):
        versions = list(item.versions.all())
        latest = versions[-1] if versions else None
        rows.append({
            "id": item.pk, "namn": item.name, "samverkansform": item.form,
            "samverkansform_text": str(item.get_form_display()),
            "ansvarig_namnd": item.committee.name,
            "forvaltning": item.administration.name if item.administration else "",
            "malgrupp": item.target_group, "aktivitet": item.activities,
            "heltidsplatser": item.places, "kapacitet": item.capacity,
            "anvisningsvagar": "; ".join(unit.name for unit in item.referral_routes.all()),
            "status": str(latest.get_status_display()) if latest else "",
            "fran_och_med": _iso(latest.start) if latest else None,
            "till_och_med": _iso(latest.current_end) if latest else None,
        })
    return rows


def public_org_number(organisation) -> str:
    """The organisation number when it is a legal person's (third digit 2 or more, as every
    association's and company's); a sole trader's number is the owner's personnummer and is
    never published."""
    number = organisation.org_number
    return number if len(number) > 2 and number[2] >= "2" else ""


def party_rows(municipality) -> list[dict]:
    parties = (Party.objects.filter(partnership__municipality=municipality)
               .select_related("partnership", "organisation")
               .order_by("partnership_id", "role", "organisation__name"))
    return [{
        "partnerskap_id": party.partnership_id, "partnerskap": party.partnership.name,
        "organisation": party.organisation.name,
        "organisationsnummer": public_org_number(party.organisation),
        "organisationstyp": str(party.organisation.get_kind_display()),
        "roll": str(party.get_role_display()),
    } for party in parties]


def period_rows(municipality) -> list[dict]:
    versions = (AgreementVersion.objects.filter(partnership__municipality=municipality)
                .select_related("partnership").order_by("partnership_id", "number"))
    return [{
        "partnerskap_id": version.partnership_id, "partnerskap": version.partnership.name,
        "version": version.number, "typ": str(version.get_kind_display()),
        "status": str(version.get_status_display()), "rubrik": version.title,
        "fran_och_med": _iso(version.start), "till_och_med": _iso(version.end),
        "period_enligt_kallan": version.period_note,
        "mojliga_forlangningar": version.extension_count,
        "ar_per_forlangning": version.extension_years,
        "utnyttjade_forlangningar": version.extensions_used,
        "till_och_med_med_forlangningar": _iso(version.current_end),
        "senast_mojliga_slut": _iso(version.latest_possible_end),
    } for version in versions]


def _budget_years(partnership) -> range:
    """The calendar years any of PARTNERSHIP's budgets or agreement versions speaks of."""
    years = []
    for version in partnership.versions.all():
        years += [day.year for day in (version.start, version.current_end) if day]
        for budget in version.budgets.all():
            years += [budget.first_year] + ([budget.last_year] if budget.last_year else [])
    if not years:
        return range(0)
    return range(min(years), max(years) + 1)


def economics_rows(municipality) -> list[dict]:
    rows = []
    for item in _partnerships(municipality):
        for year in _budget_years(item):
            statement = budget_for_year(item, year)
            if statement is None:
                continue
            rows.append({"partnerskap_id": item.pk, "partnerskap": item.name, "ar": year,
                         "varde_kr": statement.total,
                         "namndens_kostnad_kr": statement.municipality_total,
                         "parternas_insats_kr": statement.partner_total})
    return rows


ROWS = {PARTNERSHIPS.key: partnership_rows, PARTIES.key: party_rows, PERIODS.key: period_rows,
        ECONOMICS.key: economics_rows}


def statistics_years(municipality) -> list[int]:
    """The calendar years with published follow-up: from the first agreement's start to this
    year."""
    first = (AgreementVersion.objects.filter(partnership__municipality=municipality,
                                             start__isnull=False)
             .order_by("start").values_list("start", flat=True).first())
    this_year = timezone.localdate().year
    if first is None:
        return []
    return list(range(min(first.year, this_year), this_year + 1))


def _statistics_row(item: dict, year: int, partnership_id) -> dict:
    """One published item (followup.published) as a row; counts passed through as published."""
    occupancy, flow, economics = item["occupancy"], item["flow"], item["economics"]
    return {
        "partnerskap_id": partnership_id, "partnerskap": item["partnership"], "ar": year,
        "heltidsplatser": occupancy["places"],
        "belaggningsgrad_procent": occupancy["rate_percent"],
        "deltagare": flow["participants"], "anvisade": flow["referred"],
        "paborjade": flow["started"], "avslutade": flow["ended"],
        "till_arbete_eller_studier": item["outcomes"]["to_work_or_studies"],
        "varde_kr": economics["value"], "namndens_kostnad_kr": economics["committee_cost"],
        "kostnad_per_plats_kr": economics["committee_cost_per_place"],
        "kostnad_per_deltagare_kr": economics["committee_cost_per_participant"],
    }


def published_portfolio(municipality, year: int) -> tuple[dict, list]:
    """(published dict, the Stats rows it came from) for MUNICIPALITY's portfolio in YEAR,
    exactly as the publication layer gives it to the committee's pages."""
    return portfolio(year_period(year), [municipality.pk])


def statistics_rows(municipality, year: int) -> list[dict]:
    """The portfolio's published figures for YEAR, one row per partnership and a total."""
    data, rows = published_portfolio(municipality, year)
    result = [_statistics_row(item, year, stats.partnership_id)
              for stats, item in zip(rows, data["partnerships"], strict=True)]
    total_row = _statistics_row(data["total"], year, None)
    total_row["partnerskap"] = "Totalt"
    return sorted(result, key=lambda row: row["partnerskap_id"]) + [total_row]
