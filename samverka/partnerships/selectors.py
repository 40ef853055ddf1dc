"""Reads of the register, scoped to a municipality: the portfolio and a partnership's page."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from samverka.budgets.selectors import BUDGET_PREFETCH, budget_for_year
from samverka.core import numbers
from samverka.provenance.models import Claim

from . import membership
from .models import AgreementVersion, Partnership, Party, ReportedFigure

OPEN_STATUSES = membership.OPEN_STATUSES
SORT_KEYS = {
    "name": lambda row: row.name.lower(),
    "value": lambda row: (row.value is None, -(row.value or 0)),
    "committee_cost": lambda row: (row.committee_cost is None, -(row.committee_cost or 0)),
    "end": lambda row: (row.end is None, row.end),
}


@dataclass
class PortfolioRow:
    partnership: Partnership
    name: str
    form: str
    form_label: str
    status: str
    status_label: str
    organisations: list[str]
    participants: str
    target_group: str
    referral: list[str]
    value: int | None
    committee_cost: int | None
    activity: str
    start: object
    end: object
    period_known: bool = True  # False: "period okänd", listed on other grounds (membership)
    basis: list[str] = field(default_factory=list)


@dataclass
class Portfolio:
    year: int
    rows: list[PortfolioRow] = field(default_factory=list)

    @property
    def total_value(self) -> int | None:
        """Sum of the values; None (unknown) when a row's value is unknown or there are none."""
        return numbers.sum_known(row.value for row in self.rows) if self.rows else None

    @property
    def total_committee_cost(self) -> int | None:
        """Sum of the committee's costs; None (unknown) as soon as one of them is unknown."""
        return numbers.sum_known(row.committee_cost for row in self.rows) if self.rows else None

    @property
    def rows_without_value(self) -> int:
        return sum(1 for row in self.rows if row.value is None)

    @property
    def rows_without_committee_cost(self) -> int:
        return sum(1 for row in self.rows if row.committee_cost is None)


def partnerships_for(municipality):
    versions = AgreementVersion.objects.order_by("number")
    return (
        Partnership.objects.filter(municipality=municipality)
        .select_related("committee", "administration")
        .prefetch_related(
            Prefetch("versions", queryset=versions),
            Prefetch("parties", queryset=Party.objects.select_related("organisation")),
            "referral_routes",
            *BUDGET_PREFETCH,
        )
    )


def _participants_text(partnership, year: int) -> str:
    """The participants the sources report for YEAR. The register's portfolio is read by the
    committee: a reported count of 1–4 persons is withheld (".."), as the follow-up's own
    count would be, so that neither gives the other away."""
    from samverka.followup.published import threshold

    for figure in partnership.reported_figures.all():
        if figure.year == year and figure.key == ReportedFigure.Key.PARTICIPANTS:
            if figure.number is not None and 0 < figure.number < threshold():
                return numbers.SUPPRESSED
            return figure.text or str(figure.number)
    return ""


def _version(partnership, version_id):
    """The version in force that year (membership's choice), else the latest."""
    versions = list(partnership.versions.all())
    chosen = next((version for version in versions if version.pk == version_id), None)
    return chosen or (versions[-1] if versions else None)


def _row(partnership, year: int, statement, member=None) -> PortfolioRow:
    latest = _version(partnership, member.version_id if member else None)
    return PortfolioRow(
        partnership=partnership,
        name=partnership.name,
        form=partnership.form,
        form_label=partnership.get_form_display(),
        status=latest.status if latest else "",
        status_label=latest.get_status_display() if latest else "",
        organisations=[p.organisation.name for p in partnership.parties.all()
                       if p.role != Party.Role.COMMITTEE],
        participants=_participants_text(partnership, year),
        target_group=(latest.target_group if latest and latest.target_group
                      else partnership.target_group),
        referral=[unit.name for unit in partnership.referral_routes.all()],
        value=statement.total if statement else None,
        committee_cost=statement.municipality_total if statement else None,
        activity=partnership.activities,
        start=latest.start if latest else None,
        end=latest.current_end if latest else None,
        period_known=member.period_known if member else True,
        basis=sorted(member.basis) if member else [],
    )


def portfolio(municipality, year: int, form: str | None = None, status: str | None = None,
              sort: str = "name") -> Portfolio:
    """The partnerships of MUNICIPALITY that belong to YEAR (membership.members, the same
    definition as the follow-up's), each with that year's agreement version, value and
    committee cost."""
    queryset = partnerships_for(municipality)
    if form:
        queryset = queryset.filter(form=form)
    belonging = membership.members(*membership.year_bounds(year),
                                   municipality_ids=[municipality.pk])
    queryset = queryset.filter(pk__in=list(belonging))
    result = Portfolio(year)
    for partnership in queryset:
        statement = budget_for_year(partnership, year)
        row = _row(partnership, year, statement, belonging[partnership.pk])
        if status and row.status != status:
            continue
        result.rows.append(row)
    result.rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["name"]))
    return result


def find_partnership(municipality, name: str) -> Partnership:
    """The partnership called NAME (case-insensitive) in MUNICIPALITY."""
    return Partnership.objects.get(municipality=municipality, name__iexact=name.strip())


@dataclass
class FieldClaims:
    object_label: str
    field: str
    claims: list[Claim]
    field_label: str = ""  # the field's Swedish name (issue 15: no field name shown)

    @property
    def values(self) -> set[str]:
        return {claim.value for claim in self.claims}

    @property
    def in_conflict(self) -> bool:
        return len(self.values) > 1


# Claims from imported memos name figures that are no model field (budget totals, reported
# figures): their Swedish names. A name not here and not a field shows as "Uppgift (name)".
CLAIM_FIELDS = {
    "participants": _("Deltagare"), "end": _("Slutdatum"), "start": _("Startdatum"),
    "committee_cost_per_year": _("Nämndens kostnad per år"),
    "value_per_year": _("Värde per år"), "municipality": _("Kommunens del"),
    "name": _("Namn"), "registry_number": _("Diarienummer"), "total": _("Totalt"),
    "partner": _("Partens del"), "extension": _("Förlängning"), "referral": _("Anvisning"),
    "to_work": _("Till arbete"), "capacity": _("Kapacitet"), "indexation": _("Uppräkning"),
    "individual_cost": _("Kostnad per individ"), "individual_persons": _("Antal individer"),
    "places": _("Platser"), "referred": _("Anvisade"),
}


def field_label(content_type, name: str) -> str:
    """The Swedish name of a claimed figure or field, never the stored code."""
    from django.core.exceptions import FieldDoesNotExist

    if name in CLAIM_FIELDS:
        return str(CLAIM_FIELDS[name])
    model = content_type.model_class()
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except (FieldDoesNotExist, AttributeError):
        return _("Uppgift (%(name)s)") % {"name": name}


def sources_for(objects: list) -> list[FieldClaims]:
    """Every source claim about OBJECTS, grouped per object and field; conflicts flagged.

    One query for all the kinds of object; the groups come per kind in the order the kinds first
    appear in OBJECTS, and within a kind by object, field and source file."""
    by_type: dict[ContentType, dict[int, object]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj), {})[obj.pk] = obj
    if not by_type:
        return []
    about = Q()
    for content_type, members in by_type.items():
        about |= Q(content_type=content_type, object_id__in=list(members))
    claims_by_type: dict[int, list[Claim]] = defaultdict(list)
    for claim in Claim.objects.filter(about).select_related("source").order_by(
            "content_type", "object_id", "field", "source__file_name"):
        claims_by_type[claim.content_type_id].append(claim)
    grouped: dict[tuple, FieldClaims] = {}
    for content_type, members in by_type.items():
        for claim in claims_by_type[content_type.pk]:
            key = (content_type.pk, claim.object_id, claim.field)
            label = str(members[claim.object_id])
            grouped.setdefault(key, FieldClaims(
                label, claim.field, [], field_label(content_type, claim.field),
            )).claims.append(claim)
    return list(grouped.values())
