import json

from django.core.management.base import BaseCommand, CommandError

from samverka.budgets.selectors import budget_for_year
from samverka.partnerships import exports, selectors
from samverka.partnerships.models import Partnership

from ._common import municipality_option, resolve_municipality, write_output


class Command(BaseCommand):
    help = "Budgeten för ett partnerskap och ett kalenderår, med uppräkning och andelar."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="Partnerskapets namn, t.ex. ”Hoppfull framtid”.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument("--output")
        municipality_option(parser)

    def handle(self, *args, **options):
        municipality = resolve_municipality(options["municipality"])
        try:
            partnership = selectors.find_partnership(municipality, options["partnership"])
        except Partnership.DoesNotExist as error:
            raise CommandError(
                f"Partnerskapet ”{options['partnership']}” finns inte i {municipality}."
            ) from error
        statement = budget_for_year(partnership, options["year"])
        if statement is None:
            raise CommandError(f"{partnership} har ingen budget för {options['year']}.")
        content = json.dumps(exports.budget_dict(partnership, statement), ensure_ascii=False,
                             indent=2)
        write_output(content, options["output"], self.stdout)
