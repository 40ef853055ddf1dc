from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "json|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class RdfConverter(FormatConverter):
    regex = "rdf|ttl|jsonld"


class CodeConverter(FormatConverter):
    regex = "[0-9]{4}"


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(FormatConverter, "datafmt")
register_converter(RdfConverter, "rdffmt")
register_converter(CodeConverter, "kommunkod")
register_converter(YearConverter, "year")

app_name = "opendata"

ROUTES = [
    ("", views.index, "index"),
    ("dcat.<rdffmt:fmt>", views.catalogue, "catalogue"),
    ("statistik-<year:year>.<datafmt:fmt>", views.statistics_file, "statistics"),
    ("<slug:key>.schema.json", views.schema, "schema"),
    ("<slug:key>.<datafmt:fmt>", views.dataset_file, "file"),
]

# Each file at /oppna-data/<file> (the single municipality) and /oppna-data/<kommunkod>/<file>.
urlpatterns = [path(route, view, name=name) for route, view, name in ROUTES] + [
    path(f"<kommunkod:code>/{route}", view, name=f"{name}_in") for route, view, name in ROUTES
]
