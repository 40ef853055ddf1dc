"""A Swedish socio-economic account (socioekonomiskt bokslut) after Nilsson & Wadeskog.

Pure: no Django, no float. The rules, written out:

* Each public actor (the municipality's social assistance, Arbetsförmedlingen, Försäkringskassan,
  the region, …) has a yearly cost per person of exclusion (while the person is outside work and
  studies) and a yearly cost per person after the move (negative when the actor gains, e.g. tax
  revenue). The yearly gain per person for the actor is the difference.
* Over a horizon of H years (1, 3 and 10 by default) the gain per person is
  Σ_{t=1..H} yearly gain × (1 − drop-off)^(t − 1) / (1 + r)^t, the same per-year rule as the
  SROI calculation (drop-off from year 2, discounting from year 1); with 0 % drop-off and 0 %
  discount rate it is simply H × yearly gain.
* Each cell (actor × horizon) is rounded half up to whole kronor once; totals are sums of the
  rounded cells. The gain for the group is persons × the exact gain per person, rounded once.
* The break-even number of persons for a horizon is the smallest whole number of persons whose
  gain covers the investment: ceil(investment / gain per person over the horizon).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext

from samverka.budgets.money import round_kronor

from .sroi import power

HUNDRED = Decimal(100)
PRECISION = 40
HORIZONS = (1, 3, 10)


class AccountInputError(ValueError):
    """An input outside its range; FIELD names it and MESSAGE says what is wrong (Swedish)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class ActorCost:
    actor: str
    exclusion_cost: int  # kronor per person and year while excluded
    after_cost: int = 0  # kronor per person and year after the move (negative: a revenue)
    municipal: bool = False  # the municipality's own budget (for its own break-even)

    @property
    def yearly_gain(self) -> int:
        return self.exclusion_cost - self.after_cost


@dataclass(frozen=True)
class ActorGain:
    actor: ActorCost
    per_person: dict  # horizon -> whole kronor per person
    group: dict  # horizon -> whole kronor for all persons


@dataclass(frozen=True)
class Account:
    actors: tuple[ActorGain, ...]
    persons: int
    investment: int
    municipal_investment: int | None
    discount_rate: Decimal
    drop_off: Decimal
    horizons: tuple[int, ...]

    @property
    def exclusion_cost_per_person(self) -> int:
        """What one excluded person costs all actors together per year."""
        return sum(gain.actor.exclusion_cost for gain in self.actors)

    def per_person_total(self, horizon: int) -> int:
        return sum(gain.per_person[horizon] for gain in self.actors)

    def group_total(self, horizon: int) -> int:
        return sum(gain.group[horizon] for gain in self.actors)

    def municipal_per_person(self, horizon: int) -> int:
        return sum(gain.per_person[horizon] for gain in self.actors if gain.actor.municipal)

    def break_even_persons(self, horizon: int) -> int | None:
        """Persons who must move to work or studies for all actors' gain to cover the investment."""
        return break_even_persons(self.investment, self.per_person_total(horizon))

    def municipal_break_even_persons(self, horizon: int) -> int | None:
        """The same for the municipality alone, against its own cost."""
        if self.municipal_investment is None:
            return None
        return break_even_persons(self.municipal_investment, self.municipal_per_person(horizon))


def _percent(value, field: str) -> Decimal:
    value = Decimal(value)
    if not Decimal(0) <= value <= HUNDRED:
        raise AccountInputError(field, "Ange en andel mellan 0 och 100 %.")
    return value


def gain_per_person(yearly_gain: int, years: int, discount_rate=0, drop_off=0) -> Decimal:
    """The exact gain per person over YEARS years, drop-off and discounting applied per year."""
    if years < 1:
        raise AccountInputError("horizon", "Tidshorisonten måste vara minst 1 år.")
    rate = _percent(discount_rate, "discount_rate")
    keep = 1 - _percent(drop_off, "drop_off") / HUNDRED
    with localcontext() as context:
        context.prec = PRECISION
        return sum(
            (Decimal(yearly_gain) * power(keep, t - 1) / (1 + rate / HUNDRED) ** t
             for t in range(1, years + 1)),
            Decimal(0),
        )


def break_even_persons(investment: int, gain_per_person_kr: int) -> int | None:
    """ceil(INVESTMENT / GAIN_PER_PERSON_KR); None when a person yields no gain."""
    if gain_per_person_kr <= 0:
        return None
    if investment <= 0:
        return 0
    return int((Decimal(investment) / Decimal(gain_per_person_kr)).to_integral_value(
        rounding=ROUND_CEILING
    ))


def account(actors, persons: int, investment: int, *, municipal_investment: int | None = None,
            discount_rate=0, drop_off=0, horizons=HORIZONS) -> Account:
    """The account for PERSONS who moved to work or studies, against INVESTMENT kronor."""
    if persons < 0:
        raise AccountInputError("persons", "Antalet personer kan inte vara negativt.")
    if investment < 0:
        raise AccountInputError("investment", "Investeringen kan inte vara negativ.")
    for actor in actors:
        if actor.exclusion_cost < 0:
            raise AccountInputError(
                "exclusion_cost", "Kostnaden för utanförskap kan inte vara negativ."
            )
    rate = _percent(discount_rate, "discount_rate")
    drop = _percent(drop_off, "drop_off")
    gains = []
    for actor in actors:
        exact = {h: gain_per_person(actor.yearly_gain, h, rate, drop) for h in horizons}
        gains.append(ActorGain(
            actor,
            per_person={h: round_kronor(value) for h, value in exact.items()},
            group={h: round_kronor(value * persons) for h, value in exact.items()},
        ))
    return Account(tuple(gains), persons, investment, municipal_investment, rate, drop,
                   tuple(horizons))
