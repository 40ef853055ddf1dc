"""Issue #14, "one formatting module": the formatters that were written by hand in the budget,
import, impact and report code now go through samverka/core/numbers.py, with the same output,
and no module outside it formats a number by hand any more."""

import re
from decimal import Decimal
from pathlib import Path

from samverka.budgets import money
from samverka.core import decimals, numbers
from samverka.documents import presentation
from samverka.documents.extraction import numbers as extraction_numbers
from samverka.documents.generation import swedish
from samverka.followup.report import _percent
from samverka.impact.templatetags import impact_tags

ROOT = Path(numbers.__file__).resolve().parents[1]
# grouping by thousands and a decimal comma made by hand (not the parsing of "1,5" into 1.5)
HAND_WRITTEN = re.compile(r'replace\(",", "( |\\u00a0)"\)|replace\("\.", ","\)|:,}|:,\.\d*f}')


def test_the_moved_formatters_keep_their_output():
    assert money.format_kronor(2368800) == "2\u00a0368\u00a0800\u00a0kr"
    assert money.format_kronor(-1500, " ") == "−1 500 kr"
    assert money.format_kronor(None) == "–"
    assert presentation.short_value(1234567) == "1 234 567"
    assert presentation.short_value(-1234) == "-1 234"
    assert extraction_numbers.format_int(-2368800) == "-2 368 800"
    assert decimals._number(Decimal("1000.5")) == "1\u00a0000,5"
    assert decimals._number(20) == "20"
    assert impact_tags.num(0.0456, 3) == "0,046" and impact_tags.num(-1.25, 1) == "−1,2"
    assert impact_tags.plain(Decimal("30.00")) == "30" and impact_tags.plain(
        Decimal("2.50")) == "2,5"
    assert _percent(Decimal("2.00")) == "2\u00a0%" and _percent(Decimal("12.50")) == "12,5\u00a0%"
    assert _percent(Decimal("100")) == "100\u00a0%"
    assert numbers.format_percent_entered(Decimal("-0.5")) == "−0,5 %"
    assert swedish.percent(Decimal("70.0")) == "70,0 procent"
    assert swedish.number(Decimal("12.50")) == "12,5" and swedish.number(2368800) == "2 368 800"


def test_no_hand_written_number_formatter_outside_core_numbers():
    found = []
    for path in ROOT.rglob("*.py"):
        if path.name == "numbers.py" and path.parent.name == "core" or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if HAND_WRITTEN.search(line) and "widest" not in line:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
