"""Who receives which reminder. The one source of the officers' worklist and of the e-mails of
`samverka remind`: both call reminders_by_recipient()."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.accounts import policy
from samverka.followup.dialogue import reminders_for
from samverka.followup.reminders import Reminder
from samverka.partnerships.models import Partnership

# Where each kind of reminder is acted on, and what the link says.
WHERE = {
    "expired": ("partnership_detail", _("Registrera förlängning eller avslut")),
    "ending": ("partnership_detail", _("Se överenskommelsen")),
    "extension": ("partnership_detail", _("Förbered förlängningsbeslut")),
    "dialogue": ("followup:partnership", _("Planera dialogmöte")),
    "report": ("followup:partnership", _("Se uppföljningen")),
    "occupancy": ("followup:partnership", _("Se beläggningen")),
}
GROUPS = [
    ("ending", _("Överenskommelser som löper ut"), {"expired", "ending"}),
    ("extension", _("Förlängningsbeslut att fatta"), {"extension"}),
    ("dialogue", _("Dialogmöten som saknas"), {"dialogue"}),
    ("report", _("Årsrapporter att lämna"), {"report"}),
    ("occupancy", _("Låg beläggning"), {"occupancy"}),
]


@dataclass(frozen=True)
class Item:
    reminder: Reminder
    url: str
    link_text: str


def item(reminder: Reminder) -> Item:
    url_name, text = WHERE.get(reminder.kind, ("partnership_detail", _("Öppna")))
    return Item(reminder, reverse(url_name, args=[reminder.partnership_id]), str(text))


def reminders_by_recipient(municipality, today: dt.date, months: int | None = None,
                           occupancy: dict | None = None) -> tuple[dict, dict[int, list]]:
    """(profile per user id, the reminders per user id) of MUNICIPALITY's officers on TODAY:
    a partnership's reminders go to its responsible officer and deputy, or to every officer
    when it has none (accounts.policy.reminder_recipients_of)."""
    officers = list(policy.reminder_recipients(municipality))
    found = reminders_for(municipality, today, months, occupancy=occupancy)
    partnerships = Partnership.objects.in_bulk({r.partnership_id for r in found})
    by_user: dict[int, list] = {}
    for reminder in found:
        for profile in policy.reminder_recipients_of(partnerships[reminder.partnership_id],
                                                     officers):
            by_user.setdefault(profile.user_id, []).append(reminder)
    return {profile.user_id: profile for profile in officers}, by_user


def grouped(reminders: list) -> list[dict]:
    """REMINDERS as the worklist's sections, each with its items (empty sections kept)."""
    return [{"key": key, "title": title,
             "items": [item(r) for r in reminders if r.kind in kinds]}
            for key, title, kinds in GROUPS]
