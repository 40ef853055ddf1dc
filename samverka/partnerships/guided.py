"""Guided creation of a partnership (issue 15): the steps, their order and the checklist of what is
still missing. No views and no writes here: every step saves through partnerships/actions.py.

The steps: organisation and partnership → parties → agreement (period and extension) → budget →
IOP criteria → decision. Each step is saved on its own, so an officer who stops halfway loses
nothing; the checklist says what is missing and links to the step where it is added.
"""

from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.budgets import money
from samverka.budgets.statement import LineInput, build_statement
from samverka.organisations.models import Organisation

from .criteria import IOP_CRITERIA
from .models import CriterionAssessment, Partnership, Party

STEPS = [
    ("start", _("Organisation och partnerskap")),
    ("parties", _("Parter")),
    ("agreement", _("Överenskommelse")),
    ("budget", _("Budget")),
    ("criteria", _("IOP-kriterier")),
    ("decision", _("Beslut")),
]
STEP_KEYS = [key for key, _label in STEPS]


def step_url(partnership, key: str) -> str:
    if partnership is None:
        return reverse("guided_new")
    return reverse(f"guided_{key}", args=[partnership.pk])


def next_step(key: str) -> str | None:
    index = STEP_KEYS.index(key)
    return STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None


ROLE_ORDER = {Party.Role.COMMITTEE: 0, Party.Role.PARTNER: 1, Party.Role.CO_PARTY: 2}


def parties_in_order(partnership) -> list:
    """The committee first, then the idea-based parties, then the co-parties, each by name."""
    parties = partnership.parties.select_related("organisation")
    return sorted(parties, key=lambda p: (ROLE_ORDER.get(p.role, 9), p.organisation.name))


def default_committee(municipality):
    """The municipality's committee for a new partnership: the municipal body most of its
    partnerships answer to, else the first municipal body called a committee (…nämnden)."""
    bodies = Organisation.objects.filter(municipality=municipality,
                                         kind=Organisation.Kind.MUNICIPAL_BODY)
    used = Counter(Partnership.objects.filter(municipality=municipality)
                   .values_list("committee_id", flat=True))
    if used:
        best = max(used.items(), key=lambda item: (item[1], -item[0]))[0]
        found = bodies.filter(pk=best).first()
        if found:
            return found
    return bodies.filter(name__icontains="nämnd").order_by("name").first()


def first_version(partnership):
    """The agreement the guided flow works on: the first version (the original agreement)."""
    return partnership.versions.order_by("number").first()


def main_budget(version):
    return version.budgets.order_by("first_year").first() if version else None


@dataclass(frozen=True)
class Item:
    step: str
    label: str
    done: bool
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Checklist:
    partnership: Partnership | None
    items: list[Item]

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.done]

    @property
    def complete(self) -> bool:
        return self.partnership is not None and not self.missing

    def step_done(self, key: str) -> bool:
        items = [item for item in self.items if item.step == key]
        return bool(items) and all(item.done for item in items)

    def steps(self, current: str):
        """(key, number, label, url, done, is_current) for the step navigation."""
        return [
            (key, number, label, step_url(self.partnership, key) if self.partnership or
             key == "start" else None, self.step_done(key), key == current)
            for number, (key, label) in enumerate(STEPS, start=1)
        ]


def checklist(partnership) -> Checklist:
    """What a complete registration has, and whether PARTNERSHIP (None: not yet created) has it."""
    if partnership is None:
        return Checklist(None, [Item("start", str(_("Partnerskapets namn och ansvarig nämnd")),
                                     False)])
    parties = list(partnership.parties.select_related("organisation"))
    version = first_version(partnership)
    budget = main_budget(version)
    items = [
        Item("start", str(_("Partnerskapets namn och ansvarig nämnd")), True),
        Item("start", str(_("Syfte och målgrupp")),
             bool(partnership.purpose.strip() and partnership.target_group.strip())),
        Item("parties", str(_("Ansvarig nämnd som part")),
             any(p.organisation_id == partnership.committee_id for p in parties)),
        Item("parties", str(_("Minst en idéburen part")),
             any(p.role == Party.Role.PARTNER for p in parties)),
        Item("agreement", str(_("Överenskommelse med period")),
             bool(version and version.start and version.end)),
    ]
    items += _budget_items(budget)
    items += _criteria_items(version)
    decided = version is not None and version.decisions.filter(date__isnull=False).exists()
    items.append(Item("decision", str(_("Beslut med datum och diarienummer")), decided))
    items = [Item(item.step, item.label, item.done, item.detail,
                  step_url(partnership, item.step)) for item in items]
    return Checklist(partnership, items)


def _budget_items(budget) -> list[Item]:
    lines = list(budget.lines.select_related("party__organisation")) if budget else []
    municipal = [line for line in lines if line.party.is_municipal]
    partners = [line for line in lines if not line.party.is_municipal]
    return [
        Item("budget", str(_("Budgetrad för nämndens bidrag")), bool(municipal)),
        Item("budget", str(_("Budgetrad för de idéburna parternas bidrag")), bool(partners)),
    ]


def _criteria_items(version) -> list[Item]:
    rows = list(version.criteria.all()) if version else []
    assessed = [row for row in rows if row.status != CriterionAssessment.Status.UNCLEAR]
    not_met = sorted(row.criterion for row in rows
                     if row.status == CriterionAssessment.Status.NOT_MET)
    detail = ""
    if not_met:
        detail = str(_("Inte uppfyllt: kriterium %(numbers)s. En IOP förutsätter att alla "
                       "kriterier är uppfyllda.")) % {"numbers": ", ".join(map(str, not_met))}
    elif rows and len(assessed) < len(IOP_CRITERIA):
        detail = str(_("%(done)s av %(all)s bedömda")) % {"done": len(assessed),
                                                          "all": len(IOP_CRITERIA)}
    return [Item("criteria", str(_("Alla åtta IOP-kriterier bedömda")),
                 len(assessed) == len(IOP_CRITERIA) and not not_met, detail)]


# --- The running total of the budget step -------------------------------------------------------

@dataclass(frozen=True)
class PartyShare:
    name: str
    is_municipal: bool
    amount: int | None
    share: object  # Decimal percent, or None when unknown


@dataclass(frozen=True)
class RunningTotal:
    statement: object
    parties: list[PartyShare]


def running_total(budget):
    """The saved BUDGET's first-year statement for the budget step: total, per party with its
    share, the committee's share against the 50 % benchmark. None without a budget or lines."""
    if budget is None or budget.pk is None:
        return None
    lines = list(budget.lines.select_related("party__organisation").order_by("id"))
    if not lines:
        return None
    statement = build_statement(budget.first_year, budget.first_year, budget.indexation_percent, [
        LineInput(line.description, line.party.organisation.name, line.party.is_municipal,
                  line.kind, line.in_kind, line.base_amount, at_least=line.at_least)
        for line in lines])
    total = statement.total
    parties = [PartyShare(party.party, party.is_municipal, party.amount,
                          money.share_percent(party.amount, total)
                          if party.amount is not None and total else None)
               for party in statement.parties]
    return RunningTotal(statement, parties)
