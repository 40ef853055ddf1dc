import json

from django.core.management.base import BaseCommand

from samverka.partnerships import exports, selectors
from samverka.partnerships.models import AgreementVersion, Partnership

from ._common import municipality_option, resolve_municipality, write_output


class Command(BaseCommand):
    help = ("Portföljen för ett år: partnerskap, deltagare, målgrupp, anvisning, värde och "
            "nämndens kostnad per år, med summor.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Kalenderår, t.ex. 2019.")
        parser.add_argument(
            "--form", default="iop", choices=[*Partnership.Form.values, "all"],
            help="Samverkansform (standard: iop; all = alla former).",
        )
        parser.add_argument("--status", choices=AgreementVersion.Status.values)
        parser.add_argument("--sort", default="name", choices=list(selectors.SORT_KEYS))
        parser.add_argument("--format", default="json", choices=["json", "csv", "xlsx"])
        parser.add_argument("--output", help="Skriv till fil i stället för standard ut.")
        municipality_option(parser)

    def handle(self, *args, **options):
        municipality = resolve_municipality(options["municipality"])
        form = None if options["form"] == "all" else options["form"]
        result = selectors.portfolio(municipality, options["year"], form=form,
                                     status=options["status"], sort=options["sort"])
        data = exports.portfolio_dict(result, municipality, form)
        content = {
            "json": lambda: json.dumps(data, ensure_ascii=False, indent=2),
            "csv": lambda: exports.portfolio_csv(data),
            "xlsx": lambda: exports.portfolio_xlsx(data),
        }[options["format"]]()
        write_output(content, options["output"], self.stdout)
