"""Issue 15: decimal input read the same in Swedish and English forms, and plausibility limits
on the budget's indexation, hours, rates and amounts: a clear message on the field, nothing
saved."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budgets.models import Budget, BudgetLine
from samverka.core.decimals import parse_decimal
from samverka.partnerships.models import Partnership


def _budget_post(party_pk, indexation="2", **line):
    data = {
        "budget-first_year": 2026, "budget-last_year": "",
        "budget-indexation_percent": indexation, "budget-note": "",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 1000,
        "lines-0-party": party_pk, "lines-0-kind": "staff", "lines-0-description": "Handledare",
    }
    line = line or {"hours_per_week": "20", "weeks_per_year": "40", "hourly_rate": "265"}
    return {**data, **{f"lines-0-{key}": value for key, value in line.items()}}


def _ikf():
    ikf = Partnership.objects.get(name="Inkludering på lika villkor")
    return ikf, ikf.latest_version, ikf.parties.get(role="committee")


def _counts():
    return Budget.objects.count(), BudgetLine.objects.count()


@pytest.mark.parametrize("typed", ["2,00", "2.00", "2", " 2,0 "])
def test_indexation_typed_either_way_means_two_percent(client, officer, typed):
    client.force_login(officer)
    ikf, version, party = _ikf()
    response = client.post(reverse("budget_create", args=[ikf.pk, version.pk]),
                           _budget_post(party.pk, indexation=typed))
    assert response.status_code == 302
    assert Budget.objects.get(version=version, first_year=2026).indexation_percent \
        == Decimal("2")


def test_budget_form_field_is_text_with_a_decimal_keyboard(client, officer):
    client.force_login(officer)
    ikf, version, _party = _ikf()
    html = client.get(reverse("budget_create", args=[ikf.pk, version.pk])).content.decode()
    field = re.search(r'<input[^>]*name="budget-indexation_percent"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field


@pytest.mark.parametrize(("changes", "prefix", "field", "message"), [
    ({"indexation": "200"}, "budget", "indexation_percent", "mellan 0 och 20 %"),
    ({"indexation": "-1"}, "budget", "indexation_percent", "mellan 0 och 20 %"),
    ({"indexation": "2,0,0"}, "budget", "indexation_percent", "Ange ett tal"),
    ({"hours_per_week": "61", "weeks_per_year": "40", "hourly_rate": "265"}, "line",
     "hours_per_week", "mellan 0 och 60 timmar"),
    ({"hours_per_week": "20", "weeks_per_year": "60", "hourly_rate": "265"}, "line",
     "weeks_per_year", "mellan 0 och 53 veckor"),
    ({"hours_per_week": "20", "weeks_per_year": "40", "hourly_rate": "26500"}, "line",
     "hourly_rate", "mellan 0 och 5\u00a0000 kr"),
    ({"lump_sum": "2000000000"}, "line", "lump_sum",
     "mellan 0 och 1\u00a0000\u00a0000\u00a0000 kr"),
])
def test_implausible_values_are_refused_on_the_field(client, officer, changes, prefix, field,
                                                     message):
    client.force_login(officer)
    ikf, version, party = _ikf()
    indexation = changes.pop("indexation", "2")
    before = _counts()
    response = client.post(reverse("budget_create", args=[ikf.pk, version.pk]),
                           _budget_post(party.pk, indexation=indexation, **changes))
    assert response.status_code == 400
    form = response.context["form"] if prefix == "budget" \
        else response.context["formset"].forms[0]
    assert message in " ".join(form.errors[field])
    assert _counts() == before


@pytest.mark.parametrize(("text", "value"), [
    ("2,00", "2.00"), ("2.00", "2.00"), ("1 234,5", "1234.5"), ("1.234,50", "1234.50"),
    ("1,234.50", "1234.50"), ("\u22121,5", "-1.5")])
def test_parse_decimal_reads_swedish_and_english(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "2,00 %", "1e5", "."])
def test_parse_decimal_refuses_what_is_no_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)
