"""Open data of the demo: schema-valid JSON and CSV, nothing personal, nothing below the
disclosure threshold, public and read only."""

import json
import re

import jsonschema
import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from samverka.core.numbers import SUPPRESSED
from samverka.opendata import datasets, documents
from samverka.participants.identity import IdentityError, find_numbers, parse
from samverka.participants.models import Participant


def _files(client, demo):
    """(dataset, path stem) of every data file the index page offers."""
    years = datasets.statistics_years(demo)
    assert years, "the demo must have published statistics"
    return ([(dataset, dataset.key) for dataset in datasets.REGISTER_SETS]
            + [(datasets.STATISTICS, f"statistik-{year}") for year in years])


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def _schema(client, response_json):
    schema_path = response_json["schema"].replace("http://testserver", "")
    return json.loads(_get(client, schema_path).content)


def test_every_file_validates_against_its_published_schema(client, demo):
    seen = 0
    for dataset, stem in _files(client, demo):
        data = json.loads(_get(client, f"/oppna-data/{stem}.json").content)
        schema = _schema(client, data)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
        response = _get(client, f"/oppna-data/{stem}.csv")
        text = response.content.decode("utf-8")
        assert not text.startswith("\ufeff"), "RFC 4180 open data: no byte-order mark"
        assert text.split("\r\n")[0] == ",".join(c.name for c in dataset.columns)
        rows = documents.from_csv(dataset, text)
        assert rows == data["rader"], f"{stem}: the CSV says what the JSON says"
        row_schema = {**schema["$defs"]["rad"], "$schema": schema["$schema"]}
        for row in rows:
            jsonschema.validate(row, row_schema)
        seen += len(rows)
    assert seen > 20


def test_a_row_that_breaks_the_schema_is_refused(client, demo):
    data = json.loads(_get(client, "/oppna-data/statistik-2024.json").content)
    schema = _schema(client, data)
    data["rader"][0]["deltagare"] = 3.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_schema_states_the_disclosure_threshold(client, demo):
    """A count of 1 to threshold - 1 persons does not fit the published schema; 0, the
    threshold and '..' do, in the JSON and read back from the CSV."""
    data = json.loads(_get(client, "/oppna-data/statistik-2024.json").content)
    schema = _schema(client, data)
    row_schema = {**schema["$defs"]["rad"], "$schema": schema["$schema"]}
    limit = django_settings.FOLLOWUP_SMALL_CELL
    row = dict(data["rader"][0])
    for name in ("deltagare", "till_arbete_eller_studier"):
        for small in range(1, limit):
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate({**row, name: small}, row_schema)
        for fine in (0, limit, limit + 7, SUPPRESSED, None):
            changed = {**row, name: fine}
            jsonschema.validate(changed, row_schema)
            text = documents.to_csv(datasets.STATISTICS, [changed])
            assert documents.from_csv(datasets.STATISTICS, text) == [changed]
            jsonschema.validate(documents.from_csv(datasets.STATISTICS, text)[0], row_schema)


def _texts(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def _valid_identity(text: str) -> bool:
    try:
        parse(text, timezone.localdate())
    except IdentityError:
        return False
    return True


def test_no_personal_data_in_any_file(client, demo):
    names = {name.lower() for person in Participant.objects.all()
             for name in (person.first_name, person.last_name) if len(name) > 2}
    assert names, "the demo has participants to look for"
    for _dataset, stem in _files(client, demo):
        for fmt in ("json", "csv"):
            body = _get(client, f"/oppna-data/{stem}.{fmt}").content.decode()
            numbers = [m for m in find_numbers(body) if _valid_identity(m)]
            assert numbers == [], f"{stem}.{fmt}: personnummer {numbers}"
            words = set(re.findall(r"[\wåäöÅÄÖéÉ-]+", body.lower()))
            assert names & words == set(), f"{stem}.{fmt}: participant names"


def _count_cells(client, demo) -> list:
    counts = [c.name for c in datasets.STATISTICS.columns if c.type == "count"]
    cells = []
    for year in datasets.statistics_years(demo):
        data = json.loads(_get(client, f"/oppna-data/statistik-{year}.json").content)
        cells += [row[name] for row in data["rader"] for name in counts]
    return cells


def _small(cells) -> list:
    threshold = django_settings.FOLLOWUP_SMALL_CELL
    return [cell for cell in cells if isinstance(cell, int) and 0 < cell < threshold]


def test_no_count_between_one_and_the_threshold(client, demo):
    cells = _count_cells(client, demo)
    assert _small(cells) == []
    assert SUPPRESSED in cells or None in cells, "the demo has withheld or unknown counts"
    threshold = django_settings.FOLLOWUP_SMALL_CELL
    assert any(isinstance(cell, int) and cell >= threshold for cell in cells)


def test_the_small_count_check_finds_unsuppressed_counts(client, demo, settings):
    """Without disclosure control (threshold 1) the demo has small counts, so the check above
    is not empty by accident."""
    limit = settings.FOLLOWUP_SMALL_CELL
    settings.FOLLOWUP_SMALL_CELL = 1
    cells = _count_cells(client, demo)
    assert [cell for cell in cells if isinstance(cell, int) and 0 < cell < limit] != []


def test_the_publication_layer_is_passed_through(client, demo, monkeypatch):
    """What followup.published says is what the file says, '..' and null alike."""
    real = datasets.published_portfolio
    marked_names = []

    def marked(municipality, year):
        data, rows = real(municipality, year)
        marked_names.append(data["partnerships"][0]["partnership"])
        data["partnerships"][0]["flow"]["started"] = SUPPRESSED
        data["partnerships"][0]["flow"]["ended"] = None
        data["partnerships"][0]["economics"]["committee_cost_per_participant"] = SUPPRESSED
        return data, rows

    monkeypatch.setattr(datasets, "published_portfolio", marked)
    year = datasets.statistics_years(demo)[-1]
    first = json.loads(_get(client, f"/oppna-data/statistik-{year}.json").content)["rader"]
    row = next(r for r in first if r["partnerskap"] == marked_names[0])
    csv_text = _get(client, f"/oppna-data/statistik-{year}.csv").content.decode()
    assert (row["paborjade"], row["avslutade"]) == (SUPPRESSED, None)
    assert row["kostnad_per_deltagare_kr"] == SUPPRESSED
    assert ",..," in csv_text
    schema = _schema(client, json.loads(_get(client, f"/oppna-data/statistik-{year}.json")
                                        .content))
    for published_row in first:
        jsonschema.validate(published_row, {**schema["$defs"]["rad"],
                                            "$schema": schema["$schema"]})


def test_public_without_login_and_read_only(client, demo):
    paths = ["/oppna-data/", f"/oppna-data/{demo.code}/", "/oppna-data/partnerskap.json",
             f"/oppna-data/{demo.code}/parter.csv", "/oppna-data/ekonomi.schema.json",
             "/oppna-data/dcat.rdf", "/oppna-data/dcat.ttl", "/oppna-data/dcat.jsonld"]
    for path in paths:
        assert client.get(path).status_code == 200, path
        for method in (client.post, client.put, client.delete, client.patch):
            assert method(path).status_code == 405, (method, path)
    assert client.get("/oppna-data/okand.json").status_code == 404
    assert client.get("/oppna-data/statistik-1900.json").status_code == 404
    assert client.get("/oppna-data/9999/partnerskap.json").status_code == 404


def test_several_municipalities_need_the_code(client, demo):
    from tests.factories import MunicipalityFactory

    other = MunicipalityFactory(name="Norrköpings kommun", code="0581")
    assert client.get("/oppna-data/partnerskap.json").status_code == 404
    page = client.get("/oppna-data/").content.decode()
    assert f"/oppna-data/{other.code}/" in page and f"/oppna-data/{demo.code}/" in page
    data = json.loads(client.get(f"/oppna-data/{other.code}/partnerskap.json").content)
    assert (data["kommun"], data["rader"]) == ("Norrköpings kommun", [])


def test_seed_figures_in_the_economics(client, demo):
    """Seed 001: Östergötlands Stadsmission's IOP, 6 528 600 kr of which AN 1 710 000 (2024)."""
    rows = json.loads(_get(client, "/oppna-data/ekonomi.json").content)["rader"]
    values = {(row["varde_kr"], row["namndens_kostnad_kr"]) for row in rows if row["ar"] == 2024}
    assert (6528600, 1710000) in values


def test_csv_round_trip_with_formula_text_and_negative_amounts():
    rows = [{"partnerskap_id": 1, "partnerskap": "=HYPERLINK(\"x\")", "ar": 2024,
             "varde_kr": -5, "namndens_kostnad_kr": None, "parternas_insats_kr": 0}]
    text = documents.to_csv(datasets.ECONOMICS, rows)
    assert "'=HYPERLINK" in text and ",-5," in text
    assert documents.from_csv(datasets.ECONOMICS, text) == rows
