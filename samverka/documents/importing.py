"""From an extraction result to the import form's initial values, and back to register facts.

A conflicting field (the memo says two different things) gets no initial value: the officer has
to choose, and the form says which values the memo gives and where.
"""

from __future__ import annotations

from typing import Any

from .presentation import short_value

# form field -> extraction field
SCALARS = {
    "partnership_name": "partnership_name",
    "committee": "committee",
    "administration": "administration",
    "registry_number": "registry_number",
    "memo_date": "memo_date",
    "title": "title",
    "period_start": "period_start",
    "period_end": "period_end",
    "total": "total_yearly_value",
    "committee_amount": "committee_contribution",
    "places": "places",
    "target_group": "target_group",
}
LISTS = {"points": "decision_points", "signatories": "signatories",
         "distribution": "distribution"}


def _value(field: dict | None) -> Any:
    return None if not field else field.get("value")


def conflicts(result: dict) -> dict[str, list[dict]]:
    """form field -> the conflicting candidates (value, passage, line)."""
    out = {}
    fields = result["fields"]
    for name, key in {**SCALARS, "extension": "extension"}.items():
        field = fields.get(key)
        if isinstance(field, dict) and field.get("conflict"):
            out[name] = [{"value": short_value(c.get("value")), "passage": c.get("passage"),
                          "line": c.get("line")} for c in field.get("candidates", [])]
    return out


def initial(result: dict) -> dict[str, Any]:
    """The import form's initial values from an extraction RESULT."""
    fields = result["fields"]
    data: dict[str, Any] = {}
    for name, key in SCALARS.items():
        value = _value(fields.get(key))
        if value is not None:
            data[name] = value
    for name, key in LISTS.items():
        value = _value(fields.get(key))
        if value:
            data[name] = "\n".join(value)
    extension = _value(fields.get("extension"))
    if isinstance(extension, dict):
        data["extension_count"] = extension.get("count")
        data["extension_years"] = extension.get("years")
    memo_type = _value(fields.get("memo_type"))
    data["kind"] = "revision" if memo_type == "revision" else "original"
    return data


def party_initial(result: dict) -> list[dict[str, Any]]:
    """One row per civil-society party: name, contribution and whether it is a minimum."""
    fields = result["fields"]
    contributions = {c["value"]["party"]: c["value"]
                     for c in fields.get("party_contributions", []) if c.get("value")}
    rows = []
    for party in fields.get("parties", []):
        name = (party.get("value") or {}).get("name")
        if not name:
            continue
        contribution = contributions.pop(name, {})
        rows.append({"name": name, "amount": contribution.get("amount"),
                     "at_least": bool(contribution.get("minimum"))})
    for name, contribution in contributions.items():
        rows.append({"name": name, "amount": contribution.get("amount"),
                     "at_least": bool(contribution.get("minimum"))})
    return rows


def passage(result: dict, key: str) -> tuple[str, str] | None:
    """(value as the source states it, passage) of extraction field KEY, if found."""
    field = result["fields"].get(key)
    if isinstance(field, dict) and field.get("value") is not None and field.get("passage"):
        return short_value(field["value"]), field["passage"]
    return None


def all_passages(result: dict, key: str) -> list[tuple[str, str]]:
    """Every (value, passage) the source gives for KEY: one, or each candidate of a conflict."""
    field = result["fields"].get(key)
    if not isinstance(field, dict):
        return []
    if field.get("conflict"):
        return [(short_value(c["value"]), c["passage"]) for c in field.get("candidates", [])
                if c.get("passage")]
    found = passage(result, key)
    return [found] if found else []


# --- a duplicate of a partnership already in the register ---------------------------------------

class DuplicatePartnership(Exception):
    """The memo describes a partnership already in the register under another name: the same
    registry number, or the same civil-society party and period. EXISTING is that partnership;
    the officer may open it or confirm again to update it."""

    def __init__(self, existing, reason: str):
        self.existing = existing
        super().__init__(reason)  # the message for the user, Swedish


def find_duplicate(municipality, data: dict, parties: list[dict]):
    """(partnership, reason) of an existing partnership the import would duplicate, or None."""
    from samverka.partnerships.models import Decision, Partnership

    number = (data.get("registry_number") or "").strip()
    if number:
        decision = Decision.objects.filter(partnership__municipality=municipality,
                                           registry_number__iexact=number) \
            .select_related("partnership").first()
        if decision is not None:
            return decision.partnership, "registry_number"
    names = [row["name"].strip() for row in parties if row.get("name")]
    start, end = data.get("period_start"), data.get("period_end")
    if names and start:
        from django.db.models import Q

        by_name = Q()
        for name in names:
            by_name |= Q(parties__organisation__name__iexact=name)
        found = Partnership.objects.filter(by_name, municipality=municipality,
                                           versions__start=start, versions__end=end).first()
        if found is not None:
            return found, "party_period"
    return None


def duplicate_message(existing, reason: str) -> str:
    if reason == "registry_number":
        return (f"”{existing.name}” har redan ett beslut med samma diarienummer. Öppna det "
                "befintliga partnerskapet, eller välj att uppdatera det med tjänsteskrivelsen.")
    return (f"”{existing.name}” har redan samma idéburna part och samma period. Öppna det "
            "befintliga partnerskapet, eller välj att uppdatera det med tjänsteskrivelsen.")
