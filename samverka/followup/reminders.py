"""Reminder rules as pure functions: what the responsible officer must act on. No Django."""

import datetime as dt
from dataclasses import dataclass

from samverka.partnerships.dates import add_years

REQUIRED_MEETINGS = 2


@dataclass(frozen=True)
class Reminder:
    kind: str
    partnership_id: int
    partnership: str
    due: dt.date | None
    text: str


def months_ahead(today: dt.date, months: int) -> dt.date:
    """TODAY moved MONTHS months on (day clipped to the month's end)."""
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def agreement_ending(end: dt.date | None, today: dt.date, months: int) -> bool:
    return end is not None and today <= end <= months_ahead(today, months)


def extension_decision_due(due: dt.date | None, extensions_left: int, today: dt.date,
                           months: int) -> bool:
    """A decision on extension is due within MONTHS months, or overdue, while options remain."""
    return due is not None and extensions_left > 0 and due <= months_ahead(today, months)


def dialogue_missing(meetings_held_or_planned: int, required: int = REQUIRED_MEETINGS) -> bool:
    return meetings_held_or_planned < required


def yearly_report_due(today: dt.date, due_month: int = 3, due_day: int = 31) -> dt.date | None:
    """The yearly report on last year is due by DUE_MONTH/DUE_DAY; remind from 1 January."""
    due = dt.date(today.year, due_month, due_day)
    return due if today <= due else None


def active_on(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


__all__ = ["Reminder", "add_years", "agreement_ending", "extension_decision_due",
           "dialogue_missing", "yearly_report_due", "months_ahead", "active_on"]
