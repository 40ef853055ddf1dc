"""The OpenAPI description of the published statistics (followup/published.py's `shaped()`), so
that a client – and the schemathesis tests – can check every figure: a count of persons is 0 or
at least the disclosure threshold, ".." when withheld, null when unknown; amounts and rates are
numbers, ".." or null. Nothing below the threshold fits the schema."""

from django.conf import settings

from samverka.core.numbers import SUPPRESSED

WITHHELD = {"type": "string", "enum": [SUPPRESSED],
            "description": "Undertryckt av röjandekontroll / withheld by disclosure control"}


def _threshold() -> int:
    return int(getattr(settings, "FOLLOWUP_SMALL_CELL", 5))


def persons() -> dict:
    """A published count of persons: 0, at least the threshold, "..", or null."""
    limit = _threshold()
    whole = {"type": "integer", "minimum": 0}
    if limit > 1:
        whole["not"] = {"type": "integer", "minimum": 1, "maximum": limit - 1}
    return {"oneOf": [whole, WITHHELD], "nullable": True,
            "description": f"Antal personer: 0 eller minst {limit}, \"..\" eller null / "
                           f"a count of persons: 0 or at least {limit}, \"..\" or null"}


def _figure(kind: str) -> dict:
    """An amount (kronor, integer), a number (rate, mean, place-days) – or "..", or null."""
    return {"oneOf": [{"type": kind}, WITHHELD], "nullable": True}


def _object(properties: dict, description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "required": sorted(properties),
              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _distribution() -> dict:
    return _object({"count": persons(), "mean_days": _figure("number"),
                    "median_days": _figure("number")})


def _route() -> dict:
    return {"persons": persons(), "cost": _figure("integer"),
            "cost_per_person": _figure("integer"),
            "source": {"type": "string", "nullable": True},
            "source_document": {"type": "string"}}


def published() -> dict:
    """One partnership's (or the portfolio total's) published figures."""
    kronor, number, count = _figure("integer"), _figure("number"), persons()
    month = _object({"month": {"type": "string"}, "occupied_place_days": number,
                     "available_place_days": {"type": "integer"}, "rate_percent": number})
    outcome = _object({"outcome": {"type": "string"}, "label": {"type": "string"},
                       "count": count, "share_percent": number})
    split_row = _object({"group": {"type": "string"}, "label": {"type": "string"},
                         "participants": count, "started": count, "ended": count,
                         "to_work_or_studies": count})
    partnership_route = {key: value for key, value in _route().items() if key != "cost"}
    flow_counts = ["referred", "accepted", "declined", "waiting", "withdrawn", "started",
                   "ended", "active_at_start", "active_at_end", "participants"]
    return _object({
        "partnership": {"type": "string"},
        "period": _object({"label": {"type": "string"},
                           "start": {"type": "string", "format": "date"},
                           "end": {"type": "string", "format": "date"},
                           "days": {"type": "integer"}}),
        "small_cell_threshold": {"type": "integer", "minimum": 1},
        "period_known": {"type": "boolean"},
        "occupancy": _object({
            "places": {"type": "integer", "nullable": True},
            "occupied_place_days": number,
            "available_place_days": {"type": "integer"},
            "rate_percent": number,
            "threshold_percent": {"type": "number", "nullable": True},
            "under_occupied": {"type": "boolean", "nullable": True},
            "partnerships_without_places": {"type": "array", "items": {"type": "string"}},
            "months": {"type": "array", "items": month},
        }),
        "flow": _object({**{key: count for key in flow_counts},
                         "days_from_referral_to_start": _distribution(),
                         "length_of_stay_days": _distribution()}),
        "outcomes": _object({"exits": count, "by_outcome": {"type": "array", "items": outcome},
                             "to_work_or_studies": count,
                             "to_work_or_studies_share_percent": number}),
        "splits": {"type": "object",
                   "additionalProperties": {"type": "array", "items": split_row}},
        "economics": _object({"value": kronor, "committee_cost": kronor,
                              "committee_cost_per_place": kronor,
                              "committee_cost_per_participant": kronor,
                              "committee_cost_per_exit_to_work_or_studies": kronor}),
        "individual_agreements": _object({
            **_route(), "referred_under_partnership": count,
            "partnership": _object({**partnership_route, "committee_cost": kronor})}),
    }, description='Publicerade siffror; en undertryckt uppgift är ".." och en okänd null / '
                   'published figures; a withheld figure is ".." and an unknown one null')


def portfolio() -> dict:
    return _object({"partnerships": {"type": "array", "items": published()},
                    "total": published()},
                   description="Portföljens partnerskap och totalen / the portfolio's "
                               "partnerships and the total")
