"""The columns of every open-data set, declared once: the JSON, the CSV, the JSON Schema and
the page that documents them are all built from these lists. No Django ORM.

A column's TYPE is one of:
- "integer", "string", "date" (YYYY-MM-DD), "boolean": plain values, null when unknown;
- "kronor": whole kronor (integer), null when unknown;
- "percent": a number with one decimal, null when unknown;
- "count": a published count of persons from the publication layer: an integer (0 or at least
  the disclosure threshold, which the JSON Schema states), the string ".." when withheld by
  disclosure control, null when unknown. Counts are never computed here; they are passed
  through as published.
- "published_kronor", "published_percent": a kronor amount or rate of the publication layer,
  which may also be ".." (withheld because a count it derives from is).
"""

from dataclasses import dataclass

from samverka.core.numbers import SUPPRESSED
from samverka.core.spreadsheet import FORMULA_STARTS


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title: str
    description: str = ""


C = Column

PARTNERSHIPS = [
    C("id", "integer", "Partnerskapets id", "Stabil nyckel; används i de andra filerna."),
    C("namn", "string", "Namn"),
    C("samverkansform", "string", "Samverkansform (kod)",
      "iop, lou, grant, project, company eller other."),
    C("samverkansform_text", "string", "Samverkansform"),
    C("ansvarig_namnd", "string", "Ansvarig nämnd"),
    C("forvaltning", "string", "Förvaltning"),
    C("malgrupp", "string", "Målgrupp"),
    C("aktivitet", "string", "Aktivitet"),
    C("heltidsplatser", "integer", "Heltidsplatser"),
    C("kapacitet", "integer", "Kapacitet (deltagare samtidigt)"),
    C("anvisningsvagar", "string", "Anvisningsvägar", "Flera åtskiljs med semikolon."),
    C("status", "string", "Status för senaste överenskommelsen"),
    C("fran_och_med", "date", "Från och med (senaste överenskommelsen)"),
    C("till_och_med", "date", "Till och med, med utnyttjade förlängningar"),
]

PARTIES = [
    C("partnerskap_id", "integer", "Partnerskapets id"),
    C("partnerskap", "string", "Partnerskap"),
    C("organisation", "string", "Organisation"),
    C("organisationsnummer", "string", "Organisationsnummer",
      "Bara för juridiska personer; tomt när det är okänt eller kan vara ett personnummer "
      "(enskild firma)."),
    C("organisationstyp", "string", "Organisationstyp"),
    C("roll", "string", "Roll i partnerskapet"),
]

PERIODS = [
    C("partnerskap_id", "integer", "Partnerskapets id"),
    C("partnerskap", "string", "Partnerskap"),
    C("version", "integer", "Överenskommelsens version"),
    C("typ", "string", "Typ", "Ursprunglig överenskommelse eller revidering."),
    C("status", "string", "Status"),
    C("rubrik", "string", "Rubrik"),
    C("fran_och_med", "date", "Från och med"),
    C("till_och_med", "date", "Till och med"),
    C("period_enligt_kallan", "string", "Period enligt källan", "När datum saknas."),
    C("mojliga_forlangningar", "integer", "Antal möjliga förlängningar"),
    C("ar_per_forlangning", "integer", "År per förlängning"),
    C("utnyttjade_forlangningar", "integer", "Utnyttjade förlängningar"),
    C("till_och_med_med_forlangningar", "date", "Till och med, med utnyttjade förlängningar"),
    C("senast_mojliga_slut", "date", "Senast möjliga slut med alla förlängningar"),
]

ECONOMICS = [
    C("partnerskap_id", "integer", "Partnerskapets id"),
    C("partnerskap", "string", "Partnerskap"),
    C("ar", "integer", "Kalenderår"),
    C("varde_kr", "kronor", "Partnerskapets värde för året (kr)"),
    C("namndens_kostnad_kr", "kronor", "Nämndens kostnad för året (kr)"),
    C("parternas_insats_kr", "kronor", "De idéburna parternas insats för året (kr)"),
]

STATISTICS = [
    C("partnerskap_id", "integer", "Partnerskapets id", "Tomt på raden Totalt."),
    C("partnerskap", "string", "Partnerskap", "Totalt: hela portföljen."),
    C("ar", "integer", "Kalenderår"),
    C("heltidsplatser", "integer", "Platser"),
    C("belaggningsgrad_procent", "published_percent", "Beläggningsgrad (%)"),
    C("deltagare", "count", "Deltagare under året"),
    C("anvisade", "count", "Anvisade under året"),
    C("paborjade", "count", "Påbörjade"),
    C("avslutade", "count", "Avslutade"),
    C("till_arbete_eller_studier", "count", "Vidare till arbete eller studier"),
    C("varde_kr", "published_kronor", "Värde (kr)"),
    C("namndens_kostnad_kr", "published_kronor", "Nämndens kostnad (kr)"),
    C("kostnad_per_plats_kr", "published_kronor", "Nämndens kostnad per plats (kr)"),
    C("kostnad_per_deltagare_kr", "published_kronor", "Nämndens kostnad per deltagare (kr)"),
]

PUBLISHED = {"count", "published_kronor", "published_percent"}  # may be ".."

_JSON_TYPES = {
    "integer": {"type": ["integer", "null"]},
    "kronor": {"type": ["integer", "null"]},
    "string": {"type": "string"},
    "boolean": {"type": ["boolean", "null"]},
    "date": {"type": ["string", "null"], "format": "date",
             "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "percent": {"type": ["number", "null"]},
    "count": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "null"},
                        {"const": SUPPRESSED}]},
    "published_kronor": {"oneOf": [{"type": "integer"}, {"type": "null"},
                                   {"const": SUPPRESSED}]},
    "published_percent": {"oneOf": [{"type": "number"}, {"type": "null"},
                                    {"const": SUPPRESSED}]},
}


def json_type(column: Column, threshold: int = 1) -> dict:
    """COLUMN's JSON Schema; a count of persons between 1 and THRESHOLD - 1 does not fit."""
    schema = {**_JSON_TYPES[column.type], "title": column.title,
              **({"description": column.description} if column.description else {})}
    if column.type == "count" and threshold > 1:
        whole = {"type": "integer", "minimum": 0,
                 "not": {"type": "integer", "minimum": 1, "maximum": threshold - 1}}
        schema["oneOf"] = [whole, *schema["oneOf"][1:]]
    return schema


def from_csv(column: Column, text: str):
    """A CSV cell back to its JSON value (for readers and the tests): "" is null, ".." kept."""
    if column.type == "string":
        neutralised = text.startswith("'") and text[1:].startswith(FORMULA_STARTS)
        return text[1:] if neutralised else text
    if text == "":
        return None
    if text == SUPPRESSED and column.type in PUBLISHED:
        return text
    if column.type in ("integer", "kronor", "count", "published_kronor"):
        return int(text)
    if column.type in ("percent", "published_percent"):
        return float(text)
    if column.type == "boolean":
        return text == "true"
    return text
