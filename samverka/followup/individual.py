"""Individual placement agreements beside the partnership: persons and cost by each route.

Seed 002 argues for revising Hoppfull framtid by comparing the two routes to the same service
in 2018: 24 persons on individual agreements for 214 976 kr, 14 referred under the IOP (which
cost the committee 1 100 000 kr a year). The follow-up makes that comparison for any period:

- where placements are recorded in the period, from them (individual-agreement placements:
  persons and their cost; the partnership: its participants and the committee's cost);
- where none are recorded for a route, from the figures a source reports for that calendar
  year (ReportedFigure: individual persons and cost, persons referred under the partnership),
  marked as reported, with the source document's title. Reported figures are yearly, so they
  stand in only for a whole calendar year.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from samverka.core import numbers
from samverka.partnerships.models import ReportedFigure
from samverka.provenance.models import Claim

from .periods import Period

PLACEMENTS, REPORTED = "placements", "reported"
KEYS = [ReportedFigure.Key.INDIVIDUAL_PERSONS, ReportedFigure.Key.INDIVIDUAL_COST,
        ReportedFigure.Key.REFERRED]


@dataclass
class Route:
    """Persons and cost of one route in the period, and where the figures come from."""

    persons: int | None = None
    cost: int | None = None
    source: str | None = None  # PLACEMENTS, REPORTED or None (nothing known)
    source_document: str = ""

    @property
    def cost_per_person(self) -> int | None:
        return numbers.per_unit(self.cost, self.persons)


def whole_year(period: Period) -> int | None:
    """The calendar year PERIOD is exactly, else None."""
    year = period.start.year
    if (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31) \
            and period.end.year == year:
        return year
    return None


def _reported(partnership_ids: list[int], year: int) -> dict[int, dict[str, tuple]]:
    """{partnership: {key: (number, source title)}} of the reported figures of YEAR."""
    figures = list(ReportedFigure.objects.filter(partnership_id__in=partnership_ids, year=year,
                                                 key__in=KEYS))
    if not figures:
        return {}
    content_type = ContentType.objects.get_for_model(ReportedFigure)
    titles = {}
    for object_id, title in Claim.objects.filter(
            content_type=content_type, object_id__in=[f.pk for f in figures]).order_by(
            "source__file_name").values_list("object_id", "source__title"):
        titles.setdefault(object_id, title)
    result: dict[int, dict[str, tuple]] = {}
    for figure in figures:
        result.setdefault(figure.partnership_id, {})[figure.key] = (
            figure.number, titles.get(figure.pk, ""))
    return result


def add_routes(rows: list, period: Period) -> None:
    """Set `individual_route` and `partnership_route` (Route) on each Stats row."""
    year = whole_year(period)
    reported = _reported([row.partnership_id for row in rows], year) if year else {}
    for row in rows:
        figures = reported.get(row.partnership_id, {})
        row.individual_route = _individual(row, figures)
        row.partnership_route = _partnership(row, figures)


def _individual(row, figures: dict) -> Route:
    if row.individual_persons:
        return Route(row.individual_persons, row.individual_cost, PLACEMENTS)
    persons = figures.get(ReportedFigure.Key.INDIVIDUAL_PERSONS)
    if persons is None:
        return Route()
    cost = figures.get(ReportedFigure.Key.INDIVIDUAL_COST, (None, ""))
    return Route(persons[0], cost[0], REPORTED, persons[1] or cost[1])


def _partnership(row, figures: dict) -> Route:
    if row.flow["participants"]:
        return Route(row.flow["participants"], row.committee_cost, PLACEMENTS)
    referred = figures.get(ReportedFigure.Key.REFERRED)
    if referred is None:
        return Route()
    return Route(referred[0], row.committee_cost, REPORTED, referred[1])
