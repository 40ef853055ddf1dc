"""What a decision memo says, read from the register: figures, dates, parties, criteria.

`register_facts(version)` gives the values that must come from the register (never typed by
hand); `editable_defaults(version)` gives the free-text parts an officer may rewrite before the
memo is generated, prefilled from the register. `memo_context()` merges the two for the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from samverka.budgets import money
from samverka.budgets.statement import LineInput, Statement, build_statement
from samverka.partnerships.criteria import IOP_CRITERIA
from samverka.partnerships.models import AgreementVersion, CriterionAssessment, Party

from . import swedish

MBL_DEFAULT = "MBL-information eller förhandling är inte påkallad."
CONSULTATION_DEFAULT = "Överenskommelsen har tagits fram i dialog med berörda parter."
GENDER_DEFAULT = "Verksamheten riktar sig mot både män och kvinnor inom målgruppen."

EDITABLE = [
    "registry_number", "memo_date", "points", "arende", "beslutsunderlag", "bakgrund",
    "economy_note", "municipal_goals", "gender_equality", "consultation", "follow_up", "mbl",
    "signatories", "distribution",
]


@dataclass
class PartnerAmount:
    name: str
    amount: int | None
    amount_text: str
    at_least: bool
    description: str


def version_statement(version: AgreementVersion) -> Statement | None:
    """The budget statement of VERSION for its first budget year (the year the memo decides)."""
    budgets = list(version.budgets.order_by("first_year"))
    if not budgets:
        return None
    budget = budgets[0]
    if version.start:
        budget = next((b for b in budgets if b.covers(version.start.year)), budget)
    lines = budget.lines.select_related("party__organisation").order_by("party__role", "id")
    inputs = [
        LineInput(
            description=line.description, party=line.party.organisation.name,
            is_municipal=line.party.is_municipal, kind=line.kind, in_kind=line.in_kind,
            base_amount=line.base_amount, hours_per_year=line.hours_per_year,
            hourly_rate=line.hourly_rate, at_least=line.at_least, derived=line.derived,
        )
        for line in lines
    ]
    statement = build_statement(budget.first_year, budget.first_year, budget.indexation_percent,
                                inputs, places=version.partnership.places)
    statement.indexation = budget.indexation_percent  # type: ignore[attr-defined]
    return statement


def _partners(version: AgreementVersion) -> list[Party]:
    return [p for p in version.partnership.parties.select_related("organisation").order_by("pk")
            if p.role != Party.Role.COMMITTEE and not p.is_municipal]


def _decision(version: AgreementVersion):
    return version.decisions.order_by("-date", "-pk").first()


def _partner_amounts(statement: Statement | None) -> list[PartnerAmount]:
    if statement is None:
        return []
    out = []
    for party in statement.parties:
        if party.is_municipal:
            continue
        descriptions: list[str] = []
        for line in statement.lines:
            if line.party == party.party:
                text = swedish.lower_first(line.description)
                if text not in descriptions:
                    descriptions.append(text)
        out.append(PartnerAmount(party.party, party.amount, swedish.kronor(party.amount),
                                 party.at_least, swedish.join(descriptions)))
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


def _criteria(version: AgreementVersion) -> list[dict]:
    assessed = {c.criterion: c for c in version.criteria.all()}
    rows = []
    for number, text in IOP_CRITERIA.items():
        row = assessed.get(number)
        rows.append({
            "number": number,
            "text": swedish.lower_first(str(text)),
            "status": row.get_status_display() if row else "Inte bedömt",
            "status_key": row.status if row else "",
            "motivation": swedish.sentence(row.motivation) if row else "",
            "met": bool(row and row.status == CriterionAssessment.Status.MET),
        })
    return rows


def register_facts(version: AgreementVersion) -> dict:
    """Every figure, date and name the memo takes from the register."""
    partnership = version.partnership
    committee = partnership.committee.name
    statement = version_statement(version)
    partners = _partner_amounts(statement)
    partner_names = [p.organisation.name for p in _partners(version)]
    total = statement.total if statement else None
    committee_amount = statement.municipality_total if statement else None
    share = statement.municipality_share if statement else None
    indexation = getattr(statement, "indexation", None)
    kind = "Revidering av idéburet offentligt partnerskap" if (
        version.kind == AgreementVersion.Kind.REVISION) else "Idéburet offentligt partnerskap"
    return {
        "municipality": partnership.municipality.name,
        "municipality_genitive": swedish.genitive(partnership.municipality.name),
        "partnership": partnership.name,
        "version_number": version.number,
        "version_title": version.title,
        "is_revision": version.kind == AgreementVersion.Kind.REVISION,
        "change_summary": version.change_summary,
        "title": f"{kind} med {swedish.join(partner_names)}" if partner_names else kind,
        "committee": committee,
        "committee_genitive": swedish.genitive(committee),
        "committee_genitive_lower": swedish.genitive(committee)[:1].lower()
        + swedish.genitive(committee)[1:],
        "committee_lower": committee[:1].lower() + committee[1:],
        "administration": partnership.administration.name if partnership.administration else "",
        "partners": partners,
        "partner_names": swedish.join(partner_names),
        "partner_sentence": partner_sentence(partners),
        "budget_year": statement.year if statement else None,
        "total": total,
        "total_text": swedish.kronor(total) if total is not None else "",
        "committee_amount": committee_amount,
        "committee_amount_text": (swedish.kronor(committee_amount)
                                  if committee_amount is not None else ""),
        "committee_share_text": swedish.percent(share) if share is not None else "",
        "partner_share_text": (swedish.percent(100 - share) if share is not None else ""),
        "indexation_text": (f"{indexation:g}".replace(".", ",") + " %"
                            if indexation else ""),
        "period": swedish.period_text(version.start, version.end, version.extension_count,
                                      version.extension_years, version.period_note),
        "start": swedish.iso(version.start),
        "end": swedish.iso(version.end),
        "places": partnership.places,
        "capacity": partnership.capacity,
        "target_group": swedish.sentence(swedish.lower_first(partnership.target_group)),
        "intensity": partnership.intensity_band,
        "referral": swedish.join([u.name for u in partnership.referral_routes.all()]),
        "criteria": _criteria(version),
        "value_per_place_text": (swedish.kronor(money.per_unit(total, partnership.places))
                                 if total is not None and partnership.places else ""),
    }


def _goals_default(goal_areas: str) -> str:
    text = goal_areas.strip()
    if not text:
        return ""
    first = text.split()[0]
    if first in {"De", "Det", "Den"}:
        return "Överenskommelsen bidrar till måluppfyllelse inom " + swedish.lower_first(text)
    return text


def editable_defaults(version: AgreementVersion, today: dt.date | None = None) -> dict:
    """The free-text parts, prefilled from the register; the officer may change them."""
    facts = register_facts(version)
    partnership = version.partnership
    decision = _decision(version)
    today = today or timezone.localdate()
    partners = facts["partner_names"] or "Den idéburna parten"
    administration = facts["administration"] or "förvaltningen"
    if decision and decision.point_list:
        points = decision.point_list
    else:
        verb = "revidera och teckna" if facts["is_revision"] else "teckna"
        points = [f"{facts['committee']} uppdrar åt förvaltningsdirektören att {verb} "
                  f"överenskommelse om Idéburet Offentligt Partnerskap med {partners} enligt "
                  "bilaga."]
    arende = (f"{partners} har tillsammans med {administration} tagit fram en överenskommelse "
              "om Idéburet Offentligt Partnerskap")
    if partnership.purpose:
        purpose = swedish.lower_first(partnership.purpose).rstrip(".")
        if purpose.startswith("att "):
            arende += f" i syfte {purpose}"
        else:
            arende += f". {partnership.purpose}"
    arende = swedish.sentence(arende)
    if facts["is_revision"] and version.change_summary:
        arende += "\n\nÖverenskommelsen revideras: " + swedish.sentence(
            swedish.lower_first(version.change_summary))
    bakgrund = "\n\n".join(filter(None, [
        swedish.sentence(partnership.activities),
        swedish.sentence(partnership.legal_form_reasoning),
    ]))
    title = facts["title"]
    underlag = [f"Tjänsteskrivelse – {title}, {today.isoformat()}",
                f"Bilaga 1 – {version.title or 'Överenskommelse ' + facts['partnership']}"]
    follow_up = ("Parterna kommer löpande att följa upp och utvärdera beläggningsgrad, flöde och "
                 "verksamhetens innehåll. Dialogmöten hålls minst två gånger per kalenderår. "
                 f"Partnerskapet redovisas skriftligen till {facts['committee_lower']} en gång "
                 "per år.")
    return {
        "registry_number": decision.registry_number if decision else "",
        "memo_date": today,
        "points": "\n".join(points),
        "arende": arende,
        "beslutsunderlag": "\n".join(underlag),
        "bakgrund": bakgrund,
        "economy_note": f"{facts['committee_genitive']} insats ryms inom befintlig budgetram.",
        "municipal_goals": _goals_default(partnership.goal_areas),
        "gender_equality": partnership.gender_equality or GENDER_DEFAULT,
        "consultation": (decision.consultation if decision and decision.consultation
                         else CONSULTATION_DEFAULT),
        "follow_up": follow_up,
        "mbl": decision.mbl if decision and decision.mbl else MBL_DEFAULT,
        "signatories": decision.signatories if decision else "",
        "distribution": decision.distribution if decision else "\n".join(
            p.strip() for p in facts["partner_names"].replace(" och ", ", ").split(", ") if p),
    }


def paragraphs(text: str) -> list[str]:
    """Officer text split into paragraphs at blank lines; lines inside one are joined."""
    blocks = [" ".join(swedish.lines(block)) for block in (text or "").split("\n\n")]
    return [b for b in blocks if b]


def memo_context(version: AgreementVersion, texts: dict | None = None) -> dict:
    """The template context: the register's facts and the (edited) free texts."""
    values = editable_defaults(version)
    values.update({k: v for k, v in (texts or {}).items() if k in EDITABLE and v is not None})
    memo_date = values["memo_date"]
    context = register_facts(version)
    context.update({
        "registry_number": (values["registry_number"] or "").strip(),
        "memo_date": memo_date.isoformat() if hasattr(memo_date, "isoformat") else memo_date,
        "points": swedish.lines(values["points"]),
        "beslutsunderlag": swedish.lines(values["beslutsunderlag"]),
        "signatories": swedish.lines(values["signatories"]),
        "distribution": swedish.lines(values["distribution"]),
    })
    for key in ("arende", "bakgrund", "economy_note", "municipal_goals", "gender_equality",
                "consultation", "follow_up", "mbl"):
        context[key] = paragraphs(values[key])
    return context
