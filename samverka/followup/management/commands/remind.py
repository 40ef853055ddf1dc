"""`samverka remind`: e-mail each officer what is due for the partnerships they are responsible
for or deputy of (all officers of the municipality get those without one). Run daily, e.g. cron.

Safe to run twice: a municipality's e-mail for a day is recorded (samverka.ops.reminders) in the
same transaction that sends it, so a second run the same day sends nothing more.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samverka.ops.reminders import claim_day
from samverka.organisations.models import Municipality
from samverka.worklist.reminders import reminders_by_recipient


class Command(BaseCommand):
    help = ("Skickar påminnelser per e-post till ansvariga handläggare: avtal som löper ut, "
            "förlängningsbeslut, dialogmöten, årsrapport och låg beläggning.")

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None,
                            help="Påminn om avtal som löper ut inom så många månader (6).")
        parser.add_argument("--date", help="Dagens datum ÅÅÅÅ-MM-DD (för test).")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        sent = skipped = 0
        for municipality in Municipality.objects.all():
            profiles, by_user = reminders_by_recipient(municipality, today, options["months"])
            mails = [(profiles[user_id].user.email, found)
                     for user_id, found in sorted(by_user.items())
                     if profiles[user_id].user.email]
            if not mails:
                continue
            count = len({(r.kind, r.partnership_id) for _email, found in mails for r in found})
            with transaction.atomic():
                if not claim_day(municipality, today, count, len(mails)):
                    skipped += 1
                    continue
                for email, found in mails:
                    send_mail(
                        f"Samverka: {len(found)} påminnelser för {municipality}",
                        _body(found),
                        getattr(settings, "DEFAULT_FROM_EMAIL", "samverka@localhost"),
                        [email],
                    )
                    sent += 1
        self.stdout.write(f"Skickade {sent} e-postmeddelanden.")
        if skipped:
            self.stdout.write(f"{skipped} kommuner hade redan fått dagens påminnelser.")


def _body(found) -> str:
    lines = [f"- {r.partnership}: {r.text}" for r in found]
    return ("Följande behöver göras för partnerskap där du är ansvarig handläggare eller "
            "ersättare (eller där ingen är utsedd):\n\n" + "\n".join(lines) + "\n\n"
            "Samma punkter finns under Att göra när du loggar in i Samverka.\n")
