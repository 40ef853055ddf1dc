"""`samverka followup "<partnership>" --year 2024 --format json`: the follow-up figures."""

import json

from django.core.management.base import BaseCommand, CommandError

from samverka.core import numbers
from samverka.followup import publication
from samverka.followup.periods import (
    PeriodError,
    parse_period,
    published,
    published_choice,
    year_period,
)
from samverka.partnerships.management.commands._common import (
    municipality_option,
    resolve_municipality,
    write_output,
)
from samverka.partnerships.models import Partnership


class Command(BaseCommand):
    help = ("Uppföljning för ett partnerskap eller hela portföljen: beläggningsgrad, flöde, "
            "utfall och ekonomi för en period (små tal under 5 visas inte).")

    def add_arguments(self, parser):
        parser.add_argument("partnership", nargs="?",
                            help="Partnerskapets namn; utelämna för hela portföljen.")
        parser.add_argument("--year", type=int, help="Kalenderår, t.ex. 2024.")
        parser.add_argument("--period", help="En publicerad period i stället för --year, som "
                                             "för nämnden: 2024 eller 2024-H1 "
                                             "(FOLLOWUP_PUBLISHED_PERIODS).")
        parser.add_argument("--format", choices=["json", "text", "docx", "pdf"], default="text")
        parser.add_argument("--output", help="Skriv till FIL i stället för standard ut.")
        municipality_option(parser)
        parser.add_argument("--refresh-dashboards", action="store_true",
                            help="Räkna om alla sparade översikter (t.ex. från cron) och avsluta; "
                                 "sparade valfria intervall som redan har slutat tas bort.")
        parser.add_argument("--maintain-summaries", action="store_true",
                            help="Underhåll periodsammanställningarna (var 15:e minut, "
                                 "deploy/samverka-sammanstallning.timer): "
                                 "flytta horisonten vid årsskiftet och slå ihop ändringarna.")
        parser.add_argument("--rebuild-summaries", action="store_true",
                            help="Bygg om periodsammanställningarna från raderna (efter en "
                                 "massinläsning eller för att reparera) och avsluta.")

    def handle(self, *args, **options):
        if options["maintain_summaries"] or options["rebuild_summaries"]:
            self.stdout.write(_summaries(rebuild=options["rebuild_summaries"]))
            return
        if options["refresh_dashboards"]:
            from samverka.followup.snapshots import refresh_all

            self.stdout.write(f"Räknade om {refresh_all()} översikter.")
            return
        if options["period"]:
            try:
                period = parse_period(options["period"])
            except PeriodError as error:
                raise CommandError(str(error)) from error
        elif options["year"]:
            period = year_period(options["year"])
        else:
            raise CommandError("Ange --year ÅÅÅÅ eller --period.")
        if published(period) is None:
            # The command prints the published figures (committee papers, open data): as for a
            # role without participant access, only the published periods.
            raise CommandError("Siffrorna ges inte ut för den perioden. " + published_choice())
        period = published(period)
        municipality = resolve_municipality(options["municipality"])
        name = options["partnership"]
        if name:
            try:
                partnership = Partnership.objects.get(municipality=municipality,
                                                      name__iexact=name.strip())
            except Partnership.DoesNotExist as error:
                raise CommandError(f"Partnerskapet ”{name}” finns inte i {municipality}.") \
                    from error
            data = publication.partnership(partnership, period)
        else:
            partnership = None
            data, _rows = publication.portfolio(period, [municipality.pk])
            data["municipality"] = municipality.name
        fmt = options["format"]
        if fmt == "json":
            content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        elif fmt in ("docx", "pdf"):
            from samverka.followup import report

            if options["output"] is None:
                raise CommandError("DOCX och PDF skrivs till en fil; ange --output FIL.")
            content = report.build(partnership, municipality, period, fmt)
        else:
            content = _text(data)
        write_output(content, options["output"], self.stdout)


def _cell(value):
    return numbers.format_published(value)


def _text(data: dict) -> str:
    items = [data] if "partnership" in data else data["partnerships"]
    lines = []
    for item in items:
        occ = item["occupancy"]
        rate = numbers.format_published(occ["rate_percent"], "percent")
        lines.append(f"{item['partnership']} {item['period']['label']}: beläggning {rate}, "
                     f"deltagare {_cell(item['flow']['participants'])}, "
                     f"påbörjade {_cell(item['flow']['started'])}, "
                     f"avslutade {_cell(item['flow']['ended'])}")
    lines += ["", *(f"{symbol} {text}" for symbol, text in numbers.LEGEND)]
    return "\n".join(lines) + "\n"


def _summaries(rebuild: bool) -> str:
    from samverka.followup import summaries
    from samverka.followup.sql import is_postgres

    if not is_postgres():
        return ("Periodsammanställningarna förs bara i PostgreSQL; här räknas siffrorna "
                "direkt från raderna.")
    if rebuild:
        summaries.rebuild()
        return f"Periodsammanställningarna är ombyggda till och med {summaries.horizon()}."
    extended = summaries.maintain()
    done = "horisonten flyttad" if extended else "horisonten oförändrad"
    return f"Periodsammanställningarna är underhållna ({done}: {summaries.horizon()})."
