"""A budget statement for one calendar year: indexed lines, totals per party, shares. No ORM."""

from dataclasses import dataclass, field
from decimal import Decimal

from samverka.core.numbers import sum_known

from . import money

BENCHMARK_PERCENT = Decimal("50")


@dataclass(frozen=True)
class LineInput:
    description: str
    party: str
    is_municipal: bool
    kind: str
    in_kind: bool
    base_amount: int | None
    hours_per_year: Decimal | None = None
    hourly_rate: Decimal | None = None
    at_least: bool = False
    derived: bool = False


@dataclass(frozen=True)
class LineAmount:
    description: str
    party: str
    kind: str
    in_kind: bool
    amount: int | None
    hours_per_year: Decimal | None
    hourly_rate: Decimal | None
    at_least: bool
    derived: bool


@dataclass
class PartyTotal:
    party: str
    is_municipal: bool
    amount: int | None = 0
    at_least: bool = False


@dataclass
class Statement:
    year: int
    base_year: int
    indexation_percent: Decimal
    lines: list[LineAmount] = field(default_factory=list)
    parties: list[PartyTotal] = field(default_factory=list)
    places: int | None = None
    participants: int | None = None

    @property
    def total(self) -> int | None:
        return sum_known(party.amount for party in self.parties)

    @property
    def municipality_total(self) -> int | None:
        return sum_known(party.amount for party in self.parties if party.is_municipal)

    @property
    def partner_total(self) -> int | None:
        return sum_known(party.amount for party in self.parties if not party.is_municipal)

    @property
    def municipality_share(self) -> Decimal | None:
        if self.total is None or self.municipality_total is None:
            return None
        return money.share_percent(self.municipality_total, self.total)

    @property
    def share_gap(self) -> Decimal | None:
        """How far the municipality's share lies from the ~50 % benchmark, in percentage points."""
        share = self.municipality_share
        return None if share is None else share - BENCHMARK_PERCENT

    @property
    def value_per_place(self) -> int | None:
        return None if self.total is None else money.per_unit(self.total, self.places)

    @property
    def value_per_participant(self) -> int | None:
        return None if self.total is None else money.per_unit(self.total, self.participants)


def build_statement(
    year: int, base_year: int, indexation_percent: Decimal, lines: list[LineInput],
    places: int | None = None, participants: int | None = None,
) -> Statement:
    """Index each line from BASE_YEAR to YEAR, then total per party in order of appearance."""
    steps = year - base_year
    statement = Statement(year, base_year, indexation_percent, places=places,
                          participants=participants)
    totals: dict[str, PartyTotal] = {}
    for line in lines:
        amount = (
            None if line.base_amount is None
            else money.indexed_amount(line.base_amount, indexation_percent, steps)
        )
        statement.lines.append(LineAmount(
            line.description, line.party, line.kind, line.in_kind, amount,
            line.hours_per_year, line.hourly_rate, line.at_least, line.derived,
        ))
        party = totals.setdefault(line.party, PartyTotal(line.party, line.is_municipal))
        party.amount = None if party.amount is None or amount is None else party.amount + amount
        party.at_least = party.at_least or line.at_least
    statement.parties = list(totals.values())
    return statement
