"""Public open-data URLs: no login, read only (GET and HEAD), nothing personal.

With one municipality in the register the files are at /oppna-data/<file>; with several, at
/oppna-data/<kommunkod>/<file> (the single municipality answers at both).
"""

from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from samverka.organisations.models import Municipality
from samverka.partnerships.membership import year_bounds
from samverka.partnerships.models import AgreementVersion

from . import datasets, dcat, documents

SCHEMAS = {**datasets.BY_KEY, datasets.STATISTICS.key: datasets.STATISTICS}


def _municipality(code: str | None) -> Municipality:
    if code:
        return get_object_or_404(Municipality, code=code)
    found = list(Municipality.objects.all()[:2])
    if len(found) != 1:
        raise Http404("Ange kommunkoden: /oppna-data/<kommunkod>/")
    return found[0]


def _url(request, name: str, code: str | None, **kwargs) -> str:
    """The absolute URL of view NAME for the municipality as the request addressed it."""
    if code:
        return request.build_absolute_uri(reverse(f"opendata:{name}_in",
                                                  kwargs={"code": code, **kwargs}))
    return request.build_absolute_uri(reverse(f"opendata:{name}", kwargs=kwargs))


def _respond(content: str, content_type: str, filename: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _json(data) -> HttpResponse:
    return _respond(documents.to_json(data), "application/json; charset=utf-8")


def _file(request, code, dataset, rows, fmt: str, stem: str, title: str = "") -> HttpResponse:
    if fmt == "csv":
        return _respond(documents.to_csv(dataset, rows),
                        "text/csv; charset=utf-8; header=present", f"{stem}.csv")
    schema_url = _url(request, "schema", code, key=dataset.key)
    municipality = _municipality(code)
    return _json(documents.document(dataset, municipality, rows, schema_url, title))


@require_safe
def dataset_file(request, key: str, fmt: str, code: str | None = None):
    dataset = datasets.BY_KEY.get(key)
    if dataset is None:
        raise Http404
    rows = datasets.ROWS[key](_municipality(code))
    return _file(request, code, dataset, rows, fmt, key)


@require_safe
def statistics_file(request, year: int, fmt: str, code: str | None = None):
    municipality = _municipality(code)
    if year not in datasets.statistics_years(municipality):
        raise Http404
    rows = datasets.statistics_rows(municipality, year)
    return _file(request, code, datasets.STATISTICS, rows, fmt, f"statistik-{year}",
                 f"{datasets.STATISTICS.title} {year}")


@require_safe
def schema(request, key: str, code: str | None = None):
    dataset = SCHEMAS.get(key)
    if dataset is None:
        raise Http404
    _municipality(code)
    return _json(documents.schema(dataset, _url(request, "schema", code, key=key)))


def _register_span(municipality):
    span = AgreementVersion.objects.filter(partnership__municipality=municipality).aggregate(
        start=Min("start"), end=Max("end"))
    return span["start"], span["end"]


def entries(request, municipality, code) -> list[dcat.Entry]:
    """Every dataset of MUNICIPALITY with its period and absolute file URLs."""
    start, end = _register_span(municipality)
    result = []
    for dataset in datasets.REGISTER_SETS:
        files = {fmt: _url(request, "file", code, key=dataset.key, fmt=fmt)
                 for fmt in ("json", "csv")}
        result.append(dcat.Entry(dataset.key, dataset.title, dataset.description,
                                 dataset.keywords, start, end, files,
                                 _url(request, "schema", code, key=dataset.key)))
    stats = datasets.STATISTICS
    for year in datasets.statistics_years(municipality):
        files = {fmt: _url(request, "statistics", code, year=year, fmt=fmt)
                 for fmt in ("json", "csv")}
        result.append(dcat.Entry(
            f"statistik-{year}", f"{stats.title} {year}", stats.description, stats.keywords,
            *year_bounds(year), files, _url(request, "schema", code, key=stats.key)))
    return result


@require_safe
def catalogue(request, fmt: str, code: str | None = None):
    municipality = _municipality(code)
    base = _url(request, "index", code)
    graph = dcat.catalogue(municipality, base, entries(request, municipality, code))
    rdf_format, content_type = dcat.SERIALISATIONS[fmt]
    return _respond(graph.serialize(format=rdf_format), f"{content_type}; charset=utf-8",
                    f"dcat.{fmt}")


@require_safe
def index(request, code: str | None = None):
    if not code and Municipality.objects.count() > 1:
        return render(request, "opendata/municipalities.html",
                      {"municipalities": Municipality.objects.all()})
    municipality = _municipality(code)
    items = entries(request, municipality, code)
    return render(request, "opendata/index.html", {
        "municipality": municipality,
        "register_sets": list(zip(datasets.REGISTER_SETS, items, strict=False)),
        "statistics": items[len(datasets.REGISTER_SETS):],
        "statistics_set": datasets.STATISTICS,
        "statistics_schema": _url(request, "schema", code, key=datasets.STATISTICS.key),
        "catalogue": {fmt: _url(request, "catalogue", code, fmt=fmt)
                      for fmt in dcat.SERIALISATIONS},
        "license": documents.LICENSE, "license_name": documents.LICENSE_NAME,
        "contact": dcat.contact_email(),
    })
