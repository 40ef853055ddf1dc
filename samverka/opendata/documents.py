"""An open-data set as a JSON document, as RFC 4180 CSV, and its JSON Schema.

JSON: {"dataset", "titel", "kommun", "kommunkod", "licens", "schema", "rader": [...]}, UTF-8.
CSV: UTF-8 without byte-order mark, comma-separated, CRLF line ends, fields quoted when they
hold a comma, quote or line break (RFC 4180); the first row holds the column names; an empty
field is null (unknown), ".." a count withheld by disclosure control; text starting with "=",
"+", "-" or "@" has a ' in front (so no spreadsheet runs it as a formula).
"""

import csv
import io
import json

from samverka.core.spreadsheet import csv_writer
from samverka.followup.published import threshold

from . import columns

LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENSE_NAME = "CC0 1.0 Universell (fri användning)"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def document(dataset, municipality, rows: list[dict], schema_url: str, title: str = "") -> dict:
    return {"dataset": dataset.key, "titel": title or dataset.title,
            "kommun": municipality.name, "kommunkod": municipality.code,
            "licens": LICENSE, "schema": schema_url, "rader": rows}


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(value):
    """A JSON value as a CSV field: null empty, booleans true/false, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(dataset, rows: list[dict]) -> str:
    buffer = io.StringIO()
    # RFC 4180: comma, CRLF, minimal quoting; text a spreadsheet would run as a formula gets a
    # leading ' (core/spreadsheet.py), which from_csv removes again.
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    for row in rows:
        writer.writerow([_cell(row[column.name]) for column in dataset.columns])
    return buffer.getvalue()


def from_csv(dataset, text: str) -> list[dict]:
    """CSV TEXT of DATASET back to rows of JSON values (the inverse of to_csv)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    by_name = {column.name: column for column in dataset.columns}
    return [{name: columns.from_csv(by_name[name], cell) for name, cell in row.items()}
            for row in reader]


def schema(dataset, schema_url: str) -> dict:
    """The JSON Schema of DATASET's JSON document; `$defs/rad` is one row (and one CSV row)."""
    limit = threshold()
    row = {
        "type": "object",
        "properties": {column.name: columns.json_type(column, limit)
                       for column in dataset.columns},
        "required": [column.name for column in dataset.columns],
        "additionalProperties": False,
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_url,
        "title": dataset.title,
        "description": dataset.description,
        "type": "object",
        "properties": {
            "dataset": {"const": dataset.key},
            "titel": {"type": "string"},
            "kommun": {"type": "string"},
            "kommunkod": {"type": "string", "pattern": r"^\d{4}$"},
            "licens": {"const": LICENSE},
            "schema": {"type": "string", "format": "uri"},
            "rader": {"type": "array", "items": {"$ref": "#/$defs/rad"}},
        },
        "required": ["dataset", "titel", "kommun", "kommunkod", "licens", "schema", "rader"],
        "additionalProperties": False,
        "$defs": {"rad": row},
    }
