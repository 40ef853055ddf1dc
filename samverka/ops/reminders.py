"""Claiming a day's reminder e-mail for a municipality: the first run of the day wins."""

import datetime as dt

from django.db import transaction

from .models import ReminderDispatch


def claim_day(municipality, day: dt.date, reminders: int, recipients: int) -> bool:
    """Record that MUNICIPALITY's reminders for DAY are being sent; False if already recorded.

    Call inside the transaction that sends the e-mail: if sending fails, the record is rolled
    back and the next run sends again. The unique constraint makes two runs at once send once.
    """
    assert transaction.get_connection().in_atomic_block, "claim inside the sending transaction"
    _record, created = ReminderDispatch.objects.get_or_create(
        municipality=municipality, day=day,
        defaults={"reminders": reminders, "recipients": recipients})
    return created
