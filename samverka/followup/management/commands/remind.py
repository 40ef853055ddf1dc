"""`samverka remind`: e-mail each municipality's officers what is due (run daily, e.g. cron).

Safe to run twice: a municipality's e-mail for a day is recorded (samverka.ops.reminders) in the
same transaction that sends it, so a second run the same day sends nothing more.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samverka.accounts.policy import reminder_recipients
from samverka.followup.dialogue import reminders_for
from samverka.ops.reminders import claim_day
from samverka.organisations.models import Municipality


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
            officers = reminder_recipients(municipality)
            recipients = [p.user.email for p in officers if p.user.email]
            if not recipients:
                continue
            found = reminders_for(municipality, today, options["months"])
            if not found:
                continue
            lines = [f"- {r.partnership}: {r.text}" for r in found]
            with transaction.atomic():
                if not claim_day(municipality, today, len(found), len(recipients)):
                    skipped += 1
                    continue
                send_mail(
                    f"Samverka: {len(found)} påminnelser för {municipality}",
                    "Följande behöver göras:\n\n" + "\n".join(lines) + "\n",
                    getattr(settings, "DEFAULT_FROM_EMAIL", "samverka@localhost"),
                    recipients,
                )
            sent += 1
        self.stdout.write(f"Skickade {sent} e-postmeddelanden.")
        if skipped:
            self.stdout.write(f"{skipped} kommuner hade redan fått dagens påminnelser.")
