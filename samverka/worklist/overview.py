"""What officers, administrators and the committee see on their start page: register items
(the reminders, one source with `samverka remind`) and the published portfolio figures."""

from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.followup import charts, snapshots
from samverka.followup.dialogue import reminders_for
from samverka.followup.periods import Period, year_period
from samverka.partnerships.models import Partnership

from .imports import imports_to_review
from .reminders import grouped, reminders_by_recipient


def year_to_date(today) -> Period:
    return Period(year_period(today.year).start, today, f"{today.year} hittills")


def published_year_to_date(municipality, today) -> dict:
    """The dashboard's figures of this year so far, as published (small counts suppressed)."""
    data, computed_at = snapshots.dashboard(municipality, year_to_date(today))
    return {**data, "computed_at": computed_at}


def occupancy_of(data: dict) -> dict:
    return {item["id"]: item["occupancy"] for item in data["partnerships"]}


def reminders_of(user, today, everyone: bool) -> list:
    """The reminders on USER's start page: those they receive (or, EVERYONE, the whole
    municipality's, for administrators)."""
    municipality = policy.profile_of(user).municipality
    occupancy = occupancy_of(published_year_to_date(municipality, today))
    if everyone:
        return reminders_for(municipality, today, occupancy=occupancy)
    _profiles, by_user = reminders_by_recipient(municipality, today, occupancy=occupancy)
    return by_user.get(user.pk, [])


def officer(user, today, everyone: bool = False) -> dict:
    municipality = policy.profile_of(user).municipality
    found = reminders_of(user, today, everyone)
    imports = imports_to_review(municipality)
    responsible = Partnership.objects.filter(municipality=municipality, responsible_officer=user)
    deputy = Partnership.objects.filter(municipality=municipality, deputy_officer=user)
    return {"groups": grouped(found), "imports": imports,
            "responsible_for": list(responsible.order_by("name")),
            "deputy_for": list(deputy.order_by("name")),
            "item_count": len(found) + len(imports), "everyone": everyone}


def _numbered(svg: str, number: int) -> str:
    """Unique ids when a page shows more than one chart."""
    return svg.replace("chart-title", f"chart-title-{number}")


def committee(user, today) -> dict:
    """The committee's start page: the dashboard's own output for this calendar year (a standard
    period), so that it adds no figure the committee could difference against the dashboard's."""
    municipality = policy.profile_of(user).municipality
    data, computed_at = snapshots.dashboard(municipality, year_period(today.year))
    data = {**data, "computed_at": computed_at}
    total = data["total"]
    running = [item for item in data["partnerships"] if item["period_known"]
               and item["occupancy"]["rate_percent"] is not None]
    months = charts.bar_chart_svg(
        _("Beläggningsgrad per månad %(period)s, hela portföljen") % {"period": total["period"]
                                                                    ["label"]},
        [(charts.month_label(m["month"]), m["rate_percent"])
         for m in total["occupancy"]["months"]], " %", 100)
    per_partnership = charts.bar_chart_svg(
        _("Beläggningsgrad per partnerskap %(period)s") % {"period": total["period"]["label"]},
        [(item["partnership"], item["occupancy"]["rate_percent"]) for item in running],
        " %", 100)
    return {"data": data, "total": total, "partnerships": data["partnerships"],
            "charts": [_numbered(months, 1), _numbered(per_partnership, 2)],
            "computed_at": data["computed_at"]}
