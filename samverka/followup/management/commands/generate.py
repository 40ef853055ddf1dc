"""`samverka generate --municipalities 290 --partnerships 10000 --placements 2000000 --seed 1`."""

import time

from django.core.management.base import BaseCommand

from samverka.followup.generate import Plan, generate


class Command(BaseCommand):
    help = ("Skapar syntetiska kommuner, partnerskap, deltagare och placeringar i nationell "
            "skala (deterministiskt för ett givet --seed).")

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=290)
        parser.add_argument("--partnerships", type=int, default=10_000)
        parser.add_argument("--placements", "--participants", type=int, default=2_000_000,
                            dest="placements",
                            help="Antal placeringar (deltagarna blir något färre: en del "
                                 "återkommer).")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        started = time.perf_counter()
        plan = Plan(options["municipalities"], options["partnerships"], options["placements"],
                    options["seed"])
        counts = generate(plan, log=self.stdout.write)
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(f"Skapade {summary} på {seconds:.0f} s.")
