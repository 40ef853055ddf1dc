"""`samverka behandlingsregister [--format markdown|html] [--output FIL]`: the record of
processing (GDPR art. 30) generated from the field classification in papers/processing.py."""

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from samverka.papers import record
from samverka.partnerships.management.commands._common import write_output


class Command(BaseCommand):
    help = ("Skriver registret över behandlingar (artikel 30 GDPR) ur datamodellens "
            "klassning av fält, som Markdown eller HTML.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["markdown", "html"], default="markdown")
        parser.add_argument("--output", help="Skriv till FIL i stället för standard ut.")

    def handle(self, *args, **options):
        if options["format"] == "html":
            content = render_to_string("papers/processing_record_document.html", record.context())
        else:
            content = record.markdown()
        write_output(content, options["output"], self.stdout)
