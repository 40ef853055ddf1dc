"""Social return on investment after the Social Value UK guide. Pure: no Django, no float.

The rules, written out so that a reviewer can redo every figure by hand:

* An outcome's value in year 1 is quantity × financial proxy × (1 − deadweight) ×
  (1 − displacement) × (1 − attribution). The three deflators are applied multiplicatively,
  never added: 20 % deadweight and 30 % attribution leave 0.8 × 0.7 = 56 %, not 50 %.
* Drop-off applies from year 2: value(t) = value(1) × (1 − drop-off)^(t − 1), t = 1 … duration.
* Discounting applies per year from year 1: present value(t) = value(t) / (1 + r)^t.
* Present value (PV) = the sum over outcomes and years. Each outcome's PV is rounded half up to
  whole kronor once; the total is the sum of the rounded outcomes (as budget totals are).
* Net present value = PV − inputs; SROI ratio = PV / inputs (two decimals, half up);
  payback period in months = inputs / (total year-1 value / 12) (one decimal, half up).

Percentages (deflators, drop-off, discount rate) are given as Decimal percent, 0–100.
"""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from samverka.budgets.money import indexed_amount, round_kronor

HUNDRED = Decimal(100)
RATIO_STEP = Decimal("0.01")
MONTH_STEP = Decimal("0.1")
PRECISION = 40
MAX_DURATION = 50
DEFLATORS = ("deadweight", "displacement", "attribution")
PERCENT_FIELDS = (*DEFLATORS, "drop_off")


class SroiInputError(ValueError):
    """An assumption outside its range; FIELD names it, MESSAGE says what is wrong (Swedish)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Outcome:
    """One outcome: how many, what each is worth per year, and for how long."""

    name: str
    quantity: Decimal
    proxy: Decimal  # kronor per unit and year, in the calculation year's prices
    duration: int  # years
    deadweight: Decimal = Decimal(0)
    displacement: Decimal = Decimal(0)
    attribution: Decimal = Decimal(0)
    drop_off: Decimal = Decimal(0)


@dataclass(frozen=True)
class YearValue:
    year: int
    value: Decimal  # after deflators and drop-off
    discounted: Decimal


@dataclass(frozen=True)
class OutcomeResult:
    outcome: Outcome
    year_one: Decimal
    years: tuple[YearValue, ...]
    present_value_exact: Decimal

    @property
    def present_value(self) -> int:
        return round_kronor(self.present_value_exact)


@dataclass(frozen=True)
class Result:
    outcomes: tuple[OutcomeResult, ...]
    inputs: int
    discount_rate: Decimal

    @property
    def present_value(self) -> int:
        return sum(result.present_value for result in self.outcomes)

    @property
    def present_value_exact(self) -> Decimal:
        return sum((result.present_value_exact for result in self.outcomes), Decimal(0))

    @property
    def net_present_value(self) -> int:
        return self.present_value - self.inputs

    @property
    def ratio_exact(self) -> Decimal | None:
        if self.inputs <= 0:
            return None
        with localcontext() as context:
            context.prec = PRECISION
            return self.present_value_exact / Decimal(self.inputs)

    @property
    def ratio(self) -> Decimal | None:
        """SROI ratio (PV of the rounded outcomes / inputs), two decimals, half up."""
        if self.inputs <= 0:
            return None
        return (Decimal(self.present_value) / Decimal(self.inputs)).quantize(
            RATIO_STEP, rounding=ROUND_HALF_UP
        )

    @property
    def year_one_total(self) -> Decimal:
        return sum((result.year_one for result in self.outcomes), Decimal(0))

    @property
    def payback_months(self) -> Decimal | None:
        """Months of year-1 value needed to pay back the inputs; None without value."""
        year_one = self.year_one_total
        if year_one <= 0:
            return None
        with localcontext() as context:
            context.prec = PRECISION
            months = Decimal(self.inputs) * 12 / year_one
        return months.quantize(MONTH_STEP, rounding=ROUND_HALF_UP)


def _percent(value, field: str) -> Decimal:
    value = Decimal(value)
    if not Decimal(0) <= value <= HUNDRED:
        raise SroiInputError(field, "Ange en andel mellan 0 och 100 %.")
    return value


def validate_outcome(outcome: Outcome) -> None:
    """Raise SroiInputError for the first assumption out of range."""
    if Decimal(outcome.quantity) < 0:
        raise SroiInputError("quantity", "Antalet kan inte vara negativt.")
    if Decimal(outcome.proxy) < 0:
        raise SroiInputError("proxy", "Det finansiella värdet kan inte vara negativt.")
    if int(outcome.duration) != outcome.duration or outcome.duration < 1:
        raise SroiInputError("duration", "Varaktigheten måste vara minst 1 helt år.")
    if outcome.duration > MAX_DURATION:
        raise SroiInputError("duration", f"Varaktigheten kan vara högst {MAX_DURATION} år.")
    for field in PERCENT_FIELDS:
        _percent(getattr(outcome, field), field)


def validate_discount_rate(rate) -> Decimal:
    return _percent(rate, "discount_rate")


def power(base: Decimal, exponent: int) -> Decimal:
    """BASE ** EXPONENT with 0 ** 0 = 1 (Decimal refuses it; a 100 % drop-off needs it)."""
    return Decimal(1) if exponent == 0 else base**exponent


def _keep(percent: Decimal) -> Decimal:
    """The share kept after a deflator of PERCENT: 1 − percent/100."""
    return 1 - Decimal(percent) / HUNDRED


def year_one_value(outcome: Outcome) -> Decimal:
    """Quantity × proxy × (1 − deadweight)(1 − displacement)(1 − attribution), exact."""
    with localcontext() as context:
        context.prec = PRECISION
        value = Decimal(outcome.quantity) * Decimal(outcome.proxy)
        for field in DEFLATORS:
            value *= _keep(getattr(outcome, field))
        return value


def outcome_result(outcome: Outcome, discount_rate: Decimal) -> OutcomeResult:
    """The outcome's value year by year, with drop-off and discounting applied per year."""
    validate_outcome(outcome)
    rate = validate_discount_rate(discount_rate)
    with localcontext() as context:
        context.prec = PRECISION
        first = year_one_value(outcome)
        years = []
        for year in range(1, outcome.duration + 1):
            value = first * power(_keep(outcome.drop_off), year - 1)
            discounted = value / (1 + rate / HUNDRED) ** year
            years.append(YearValue(year, value, discounted))
        total = sum((year.discounted for year in years), Decimal(0))
    return OutcomeResult(outcome, first, tuple(years), total)


def calculate(outcomes, inputs: int, discount_rate) -> Result:
    """The SROI result for OUTCOMES against INPUTS kronor at DISCOUNT_RATE percent."""
    if inputs < 0:
        raise SroiInputError("inputs", "Insatserna kan inte vara negativa.")
    rate = validate_discount_rate(discount_rate)
    return Result(tuple(outcome_result(o, rate) for o in outcomes), int(inputs), rate)


def indexed_proxy(amount: int, from_year: int, to_year: int, rate_percent) -> int:
    """A proxy AMOUNT in FROM_YEAR's prices, indexed by RATE_PERCENT a year to TO_YEAR's."""
    rate = Decimal(rate_percent)
    if rate <= -100:
        raise SroiInputError("index", "Uppräkningen måste vara större än −100 %.")
    if to_year >= from_year:
        return indexed_amount(amount, rate, to_year - from_year)
    with localcontext() as context:
        context.prec = PRECISION
        return round_kronor(Decimal(amount) / (1 + rate / HUNDRED) ** (from_year - to_year))


# --- Sensitivity and break-even ---------------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    """The value of one assumption at which PV = inputs (ratio 1), others held constant.

    `value` is None when no value in the assumption's range gives ratio 1: `always` then says
    whether the ratio stays at or above 1 across the whole range (True) or below it (False).
    """

    value: Decimal | None
    always: bool | None = None


@dataclass(frozen=True)
class SensitivityRow:
    assumption: str  # quantity, proxy, duration, deadweight, …, discount_rate, inputs
    outcome: str  # the outcome's name, "" for the whole calculation
    base: Decimal
    low: Decimal | int
    low_ratio: Decimal | None
    high: Decimal | int
    high_ratio: Decimal | None
    break_even: BreakEven


def _ratio(outcomes, inputs, rate) -> Decimal | None:
    return calculate(outcomes, inputs, rate).ratio


def _with(outcomes, index, **changes):
    return [replace(o, **changes) if i == index else o for i, o in enumerate(outcomes)]


def _pv(outcomes, rate) -> Decimal:
    return calculate(outcomes, 0, rate).present_value_exact


def _bisect(pv_at, low: Decimal, high: Decimal, target: Decimal) -> BreakEven:
    """The point in [LOW, HIGH] where the decreasing function PV_AT crosses TARGET."""
    if pv_at(high) >= target:
        return BreakEven(None, always=True)
    if pv_at(low) < target:
        return BreakEven(None, always=False)
    for _ in range(60):
        middle = (low + high) / 2
        if pv_at(middle) >= target:
            low = middle
        else:
            high = middle
    return BreakEven(_two_decimals((low + high) / 2))


def _two_decimals(value: Decimal) -> Decimal:
    return value.quantize(RATIO_STEP, rounding=ROUND_HALF_UP)


def _linear_solution(others: Decimal, unit_pv: Decimal, inputs: int) -> BreakEven:
    """Solve others + x × unit_pv = inputs for x ≥ 0, exactly."""
    needed = Decimal(inputs) - others
    if needed <= 0:
        return BreakEven(None, always=True)
    if unit_pv <= 0:
        return BreakEven(None, always=False)
    with localcontext() as context:
        context.prec = PRECISION
        return BreakEven(needed / unit_pv)


def _linear_break_even(others: Decimal, unit_pv: Decimal, inputs: int) -> BreakEven:
    found = _linear_solution(others, unit_pv, inputs)
    return found if found.value is None else BreakEven(_two_decimals(found.value))


def break_even(outcomes, inputs: int, rate, assumption: str, index: int | None = None):
    """The break-even value of ASSUMPTION (of outcome INDEX, or global) for ratio 1."""
    outcomes = list(outcomes)
    rate = Decimal(rate)
    if assumption == "inputs":
        return BreakEven(Decimal(calculate(outcomes, 0, rate).present_value))
    if assumption == "discount_rate":
        return _bisect(lambda r: _pv(outcomes, r), Decimal(0), HUNDRED, Decimal(inputs))
    assert index is not None, "an outcome's assumption needs the outcome's index"
    outcome = outcomes[index]
    others = _pv(outcomes[:index] + outcomes[index + 1:], rate)
    if assumption in ("quantity", "proxy"):
        unit = _pv(_with(outcomes, index, **{assumption: Decimal(1)})[index:index + 1], rate)
        return _linear_break_even(others, unit, inputs)
    if assumption in DEFLATORS:
        # PV is linear in (1 − d/100): solve for the share kept, then for d.
        full = _pv([replace(outcome, **{assumption: Decimal(0)})], rate)
        kept = _linear_solution(others, full, inputs)
        if kept.value is None:
            return kept
        percent = (1 - kept.value) * HUNDRED
        if percent < 0:
            return BreakEven(None, always=False)
        return BreakEven(_two_decimals(percent))
    if assumption == "drop_off":
        return _bisect(
            lambda d: others + _pv([replace(outcome, drop_off=d)], rate),
            Decimal(0), HUNDRED, Decimal(inputs),
        )
    if assumption == "duration":
        for years in range(1, MAX_DURATION + 1):
            if others + _pv([replace(outcome, duration=years)], rate) >= inputs:
                return BreakEven(Decimal(years), always=True if years == 1 else None)
        return BreakEven(None, always=False)
    raise ValueError(f"unknown assumption {assumption}")


def _clip(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), HUNDRED)


def _variants(assumption: str, base: Decimal) -> tuple[Decimal, Decimal]:
    """The low and high values tried in the sensitivity table (documented on the page)."""
    if assumption in ("quantity", "proxy"):
        return base * Decimal("0.5"), base * Decimal("1.5")
    if assumption == "duration":
        return max(base - 1, Decimal(1)), min(base + 1, Decimal(MAX_DURATION))
    if assumption == "discount_rate":
        return Decimal(0), _clip(base + 2)
    if assumption == "inputs":
        return base * Decimal("0.8"), base * Decimal("1.2")
    return _clip(base - 10), _clip(base + 10)


SENSITIVITY_ASSUMPTIONS = ("quantity", "proxy", "duration", *DEFLATORS, "drop_off")


def sensitivity(outcomes, inputs: int, discount_rate) -> list[SensitivityRow]:
    """Each assumption varied on its own (low/high), with the ratio and its break-even value."""
    outcomes = list(outcomes)
    rate = validate_discount_rate(discount_rate)
    rows = []
    for index, outcome in enumerate(outcomes):
        for assumption in SENSITIVITY_ASSUMPTIONS:
            base = Decimal(getattr(outcome, assumption))
            low, high = _variants(assumption, base)

            def ratio_at(value, assumption=assumption, index=index):
                if assumption == "duration":
                    value = int(value)
                return _ratio(_with(outcomes, index, **{assumption: value}), inputs, rate)

            rows.append(SensitivityRow(
                assumption, outcome.name, base, low, ratio_at(low), high, ratio_at(high),
                break_even(outcomes, inputs, rate, assumption, index),
            ))
    low, high = _variants("discount_rate", rate)
    rows.append(SensitivityRow(
        "discount_rate", "", rate, low, _ratio(outcomes, inputs, low), high,
        _ratio(outcomes, inputs, high), break_even(outcomes, inputs, rate, "discount_rate"),
    ))
    low, high = _variants("inputs", Decimal(inputs))
    rows.append(SensitivityRow(
        "inputs", "", Decimal(inputs), round_kronor(low), _ratio(outcomes, round_kronor(low), rate),
        round_kronor(high), _ratio(outcomes, round_kronor(high), rate),
        break_even(outcomes, inputs, rate, "inputs"),
    ))
    return rows
