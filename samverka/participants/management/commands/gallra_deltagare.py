from django.core.management.base import BaseCommand
from django.utils import timezone

from samverka.participants import retention


class Command(BaseCommand):
    help = (
        "Gallrar personuppgifter om deltagare vars senaste datum i ärendet (anvisning, beslut, "
        "placering, avslut, veckotimmar, bedömning) är äldre än lagringstiden (standard 5 år); "
        "när raderna registrerades spelar ingen roll. Visar först vad som skulle göras; kör "
        "med --utfor för att avidentifiera. Åtkomstloggen och den avidentifierade "
        "statistiken finns kvar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--utfor", action="store_true",
                            help="Avidentifiera på riktigt (annars bara en torrkörning).")
        parser.add_argument("--ar", type=int, default=None,
                            help="Lagringstid i år (standard PARTICIPANT_RETENTION_YEARS eller 5).")

    def handle(self, *args, **options):
        years = options["ar"] or retention.retention_years()
        today = timezone.localdate()
        found = retention.candidates(today, years)
        limit = retention.cutoff(today, years)
        self.stdout.write(
            f"Lagringstid {years} år: deltagare vars senaste datum i ärendet är före "
            f"{limit:%Y-%m-%d}."
        )
        for candidate in found:
            self.stdout.write(
                f"  deltagare {candidate.participant_id}: senaste datum i ärendet "
                f"{candidate.last_entry:%Y-%m-%d}"
            )
        undated = retention.undated_count()
        if undated:
            self.stdout.write(f"{undated} deltagare saknar datum i ärendet och gallras inte "
                              "automatiskt: granska dem för hand.")
        if not options["utfor"]:
            self.stdout.write(f"Torrkörning: {len(found)} deltagare skulle avidentifieras. "
                              "Kör med --utfor för att göra det.")
            return
        count = retention.anonymise([c.participant_id for c in found])
        self.stdout.write(f"{count} deltagare avidentifierade.")
