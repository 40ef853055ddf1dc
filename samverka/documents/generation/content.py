"""What a decision memo says, read from the register: figures, dates, parties, criteria.

`register_facts(version)` gives the values that must come from the register (never typed by
hand). The free-text sections an officer may rewrite are in `sections.py`; `memo_context()`
merges both for the memo template (templates/documents/memo/tjansteskrivelse.txt).
Nothing here invents a sentence: a text the register does not hold is left out, and the memo
form lists it under "Uppgifter som saknas" (sections.missing()).
"""

from __future__ import annotations

from dataclasses import dataclass

from samverka.budgets.models import BudgetLine
from samverka.budgets.statement import LineInput, Statement, build_statement
from samverka.core.numbers import format_percent_entered
from samverka.partnerships.criteria import IOP_CRITERIA
from samverka.partnerships.models import AgreementVersion, CriterionAssessment, Party
from samverka.provenance.models import Claim

from . import swedish

# The assessments an officer has recorded; "unclear" is no assessment and is not printed.
# The criteria as the seeds list them after "… kan tecknas … när" (subordinate-clause word order).
GUIDELINE_CLAUSES = {
    1: "verksamheten sker på initiativ av den idéburna organisationen",
    2: "verksamheten är ett led i att förverkliga ett politiskt program eller plan, där de "
       "idéburna organisationerna särskilt nämns",
    3: "verksamheten bidrar till lokal utveckling och delaktighet i samhället",
    4: "verksamheten inte kan ses som en del av det normerade föreningsbidraget",
    5: "det inte finns en marknad eller en konkurrenssituation att vårda",
    6: "bägge parterna är med och finansierar och/eller resurssätter verksamheten",
    7: "verksamheten inte detaljregleras från kommunen",
    8: "båda parterna önskar och ser en mening i att ha ett annat avtalsförhållande eller "
       "samverkan vilket inte bygger på marknadsmekanism och kommersiell logik",
}
ASSESSED = {CriterionAssessment.Status.MET: "uppfyllt",
            CriterionAssessment.Status.NOT_MET: "inte uppfyllt"}


@dataclass
class PartnerAmount:
    name: str
    amount: int | None
    amount_text: str
    at_least: bool
    description: str
    genitive: str = ""


def _budget(version: AgreementVersion):
    """The budget of VERSION for the year the memo decides (its start year, else the first)."""
    budgets = list(version.budgets.order_by("first_year"))
    if not budgets:
        return None
    if version.start:
        return next((b for b in budgets if b.covers(version.start.year)), budgets[0])
    return budgets[0]


def version_statement(version: AgreementVersion) -> Statement | None:
    """The budget statement of VERSION for its first budget year (the year the memo decides)."""
    budget = _budget(version)
    if budget is None:
        return None
    inputs = [
        LineInput(
            description=line.description, party=line.party.organisation.name,
            is_municipal=line.party.is_municipal, kind=line.kind, in_kind=line.in_kind,
            base_amount=line.base_amount, hours_per_year=line.hours_per_year,
            hourly_rate=line.hourly_rate, at_least=line.at_least, derived=line.derived,
        )
        for line in _lines(budget)
    ]
    statement = build_statement(budget.first_year, budget.first_year, budget.indexation_percent,
                                inputs, places=version.partnership.places)
    statement.indexation = budget.indexation_percent  # type: ignore[attr-defined]
    return statement


def _lines(budget) -> list[BudgetLine]:
    return list(budget.lines.select_related("party__organisation").order_by("party__role", "id"))


def partners(version: AgreementVersion) -> list[Party]:
    return [p for p in version.partnership.parties.select_related("organisation").order_by("pk")
            if p.role != Party.Role.COMMITTEE and not p.is_municipal]


def decision_of(version: AgreementVersion):
    return version.decisions.order_by("-date", "-pk").first()


def _partner_amounts(statement: Statement | None) -> list[PartnerAmount]:
    """Each partner's stated amount; a derived amount (one the source does not state but the
    register computed, e.g. total − the committee's part) is not printed as the partner's."""
    if statement is None:
        return []
    out = []
    for party in statement.parties:
        lines = [line for line in statement.lines if line.party == party.party]
        if party.is_municipal or any(line.derived for line in lines):
            continue
        descriptions: list[str] = []
        for line in lines:
            text = swedish.lower_first(line.description)
            if text not in descriptions and not swedish.is_shorthand(text):
                descriptions.append(text)
        out.append(PartnerAmount(party.party, party.amount, swedish.kronor(party.amount),
                                 party.at_least, swedish.join(descriptions),
                                 swedish.genitive(party.party)))
    return out


def partner_sentence(partners: list[PartnerAmount]) -> str:
    """'A och B bidrar med personal … till ett värde om minst X kronor respektive Y kronor per
    år.' when the parties give the same kind of resources; otherwise one sentence per party."""
    partners = [p for p in partners if p.amount is not None]
    if not partners:
        return ""
    same = len({(p.at_least, p.description) for p in partners}) == 1
    if len(partners) > 1 and same:
        first = partners[0]
        minst = "minst " if first.at_least else ""
        amounts = " respektive ".join(p.amount_text for p in partners)
        what = first.description or "resurser"
        return (f"{swedish.join([p.name for p in partners])} bidrar med {what} till ett värde "
                f"om {minst}{amounts} per år.")
    return " ".join(
        f"{p.name} bidrar med {p.description or 'resurser'} till ett värde om "
        f"{'minst ' if p.at_least else ''}{p.amount_text} per år."
        for p in partners
    )


def resource_table(version: AgreementVersion) -> dict | None:
    """Seed 004's table "Resurser 2021 | Kr" when the budget has lines given in hours: one row
    per line (hours per week and year as the register holds them), and the total."""
    budget = _budget(version)
    if budget is None:
        return None
    lines = _lines(budget)
    if not any(line.uses_hours for line in lines):
        return None
    if any(line.base_amount is None for line in lines):
        return None
    rows = []
    for line in lines:
        label = line.description
        if line.uses_hours:
            label += (f", {swedish.number(line.hours_per_week)} h/v "
                      f"({swedish.number(line.hours_per_year)} h/år)")
        rows.append({"label": label, "amount": _kr(line.base_amount)})
    return {"year": budget.first_year, "rows": rows,
            "total": _kr(sum(line.base_amount for line in lines))}


def _kr(amount: int) -> str:
    return swedish.kronor(amount).replace(" kronor", " kr")


def criteria(version: AgreementVersion) -> list[dict]:
    """The guideline's eight criteria, each with the officer's assessment where one is recorded
    (met or not met, and its motivation); no assessment prints the criterion alone."""
    assessed = {c.criterion: c for c in version.criteria.all()}
    rows = []
    for number, text in IOP_CRITERIA.items():
        row = assessed.get(number)
        status = ASSESSED.get(row.status, "") if row else ""
        rows.append({
            "number": number,
            "text": GUIDELINE_CLAUSES.get(number) or swedish.lower_first(str(text)),
            "assessment": status,
            "motivation": swedish.prose(row.motivation) if row and status else "",
        })
    return rows


def first_start_text(version: AgreementVersion) -> str:
    """When the partnership began, as the register holds it: the first version's start date as
    'december 2017', else the month its source states (a claim such as 'juni 2018')."""
    first = version.partnership.versions.order_by("number").first()
    if first is None:
        return ""
    if first.start:
        return swedish.month_year(first.start)
    claim = Claim.objects.filter(content_type__model="agreementversion", object_id=first.pk,
                                 field="start").order_by("pk").first()
    return claim.value if claim else ""


TITLE_KINDS = {"iop": "Idéburet offentligt partnerskap", "lou": "Upphandlat partnerskap",
               "project": "Projekt", "company": "Avtal", "grant": "Föreningsbidrag",
               "other": "Samverkan"}
ECONOMY_FIGURES = ("individual_persons", "individual_cost", "referred")


def reported(version: AgreementVersion) -> list[dict]:
    """Per year before this version, the economic figures the sources report (seed 002: persons
    on individual agreements and their cost, participants referred under the IOP), for a
    revision memo: {"year": 2018, "individual_persons": "24", "individual_cost": "214 976 kr",
    "referred": "14"}."""
    if version.kind != AgreementVersion.Kind.REVISION:
        return []
    figures = version.partnership.reported_figures.filter(number__isnull=False,
                                                          key__in=ECONOMY_FIGURES)
    if version.start:
        figures = figures.filter(year__lt=version.start.year)
    years: dict[int, dict] = {}
    for figure in figures.order_by("year", "key"):
        row = years.setdefault(figure.year, {"year": figure.year})
        row[figure.key] = (_kr(figure.number) if figure.key == "individual_cost"
                           else swedish.number(figure.number))
    return list(years.values())


def register_facts(version: AgreementVersion) -> dict:
    """Every figure, date and name the memo takes from the register."""
    partnership = version.partnership
    committee = partnership.committee.name
    statement = version_statement(version)
    partner_names = [p.organisation.name for p in partners(version)]
    total = statement.total if statement else None
    committee_amount = statement.municipality_total if statement else None
    share = statement.municipality_share if statement else None
    is_revision = version.kind == AgreementVersion.Kind.REVISION
    decision = decision_of(version)
    is_iop = partnership.form == partnership.Form.IOP
    kind = TITLE_KINDS.get(partnership.form, TITLE_KINDS["other"])
    if is_revision:
        kind = "Revidering av " + swedish.lower_first(kind)
    generated_title = f"{kind} med {swedish.join(partner_names)}" if partner_names else kind
    amounts = _partner_amounts(statement)
    return {
        "municipality": partnership.municipality.name,
        "municipality_genitive": swedish.genitive(partnership.municipality.name),
        "partnership": partnership.name,
        "version_number": version.number,
        "version_title": version.title,
        "is_revision": is_revision,
        "is_iop": is_iop,
        "title": decision.title if decision and decision.title else generated_title,
        "committee": committee,
        "committee_genitive": swedish.genitive(committee),
        "committee_genitive_lower": swedish.genitive(swedish.lower_first(committee)),
        "committee_lower": swedish.lower_first(committee),
        "administration": partnership.administration.name if partnership.administration else "",
        "partners": amounts,
        "partner_names": swedish.join(partner_names),
        "partner_sentence": partner_sentence(amounts),
        "budget_year": statement.year if statement else None,
        "total": total,
        "total_text": swedish.kronor(total) if total is not None else "",
        "committee_amount": committee_amount,
        "committee_amount_text": (swedish.kronor(committee_amount)
                                  if committee_amount is not None else ""),
        "committee_share_text": swedish.percent(share) if share is not None else "",
        "indexation_text": format_percent_entered(getattr(statement, "indexation", None) or None),
        "resource_table": resource_table(version),
        "period": swedish.period_text(version.start, version.end, version.extension_count,
                                      version.extension_years),
        "start": swedish.iso(version.start),
        "end": swedish.iso(version.end),
        "first_start": first_start_text(version) if is_revision else "",
        "places": partnership.places,
        "capacity": partnership.capacity,
        "target_group": swedish.prose(version.target_group or partnership.target_group),
        "referral": swedish.join([u.name for u in partnership.referral_routes.all()
                                  if not u.is_self_referral]),
        "criteria": criteria(version),
        "reported": reported(version),
    }
