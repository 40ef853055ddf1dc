"""Swedish labels and plain-text rendering of an extraction result (no Django)."""

from __future__ import annotations

from typing import Any

from samverka.core import numbers

MEMO_TYPES = {"new": "ny överenskommelse", "revision": "revidering", "information": "information"}

LABELS = {
    "title": "Rubrik",
    "partnership_name": "Partnerskapets namn",
    "parties": "Parter",
    "registry_number": "Diarienummer",
    "memo_date": "Datum",
    "committee": "Nämnd",
    "administration": "Förvaltning",
    "case_officer": "Handläggare",
    "signatories": "Undertecknare",
    "decision_points": "Förslag till beslut",
    "memo_type": "Typ av ärende",
    "period_start": "Från och med",
    "period_end": "Till och med",
    "period_years": "Avtalstid (år)",
    "extension": "Förlängning",
    "first_agreement_since": "Första överenskommelsen",
    "total_yearly_value": "Totalt värde per år",
    "committee_contribution": "Nämndens/kommunens insats",
    "party_contributions": "Parternas insatser",
    "budget_lines": "Budgetrader",
    "yearly_indexation_percent": "Årlig uppräkning (%)",
    "places": "Heltidsplatser",
    "capacity": "Kapacitet (deltagare samtidigt)",
    "target_group": "Målgrupp",
    "activities": "Aktiviteter",
    "referral_routes": "Anvisning",
    "follow_up": "Uppföljning",
    "municipal_goals": "Kommunala mål",
    "distribution": "Beslutet skickas till",
    "individual_agreements": "Individuella avtal",
    "referred_under_partnership": "Anvisade inom partnerskapet",
    "portfolio_partnerships": "IOP i översikten",
    "portfolio_totals": "Summor i översikten",
    "other_collaborations": "Övriga samverkansformer",
}


def short_value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {short_value(v)}" for k, v in value.items() if k != "text") or "–"
    if isinstance(value, list):
        return "; ".join(short_value(v) for v in value) or "–"
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return numbers.grouped(value, minus="-")
    return str(value)


def review_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per field (one per item for multi-valued fields), for the review page."""
    rows = []
    for key, f in result["fields"].items():
        label = LABELS.get(key, key)
        items = f if isinstance(f, list) else [f]
        if not items:
            rows.append({"key": key, "label": label, "found": False})
        for i, item in enumerate(items, start=1):
            row_label = f"{label} {i}" if isinstance(f, list) and len(items) > 1 else label
            value = item.get("value")
            if isinstance(value, dict) and "text" in value and len(value) > 1:
                value = {k: v for k, v in value.items() if k != "text"}
            candidates = [
                {
                    "value": short_value(c.get("value")),
                    "passage": c.get("passage"),
                    "line": c.get("line"),
                    "confidence": c.get("confidence"),
                }
                for c in item.get("candidates", item.get("end_candidates", []))
            ]
            rows.append(
                {
                    "key": key,
                    "label": row_label,
                    "found": value is not None or bool(candidates),
                    "value": short_value(value),
                    "passage": item.get("passage"),
                    "line": item.get("line"),
                    "confidence": item.get("confidence", 0),
                    "conflict": bool(item.get("conflict")),
                    "candidates": candidates,
                }
            )
    return rows


def source_lines(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The loaded text as numbered lines, marking those a field was read from."""
    used: set[int] = set()
    for row in review_rows(result):
        if row.get("line"):
            used.add(row["line"])
        for c in row.get("candidates", []):
            if c.get("line"):
                used.add(c["line"])
    return [
        {"number": n, "text": text, "used": n in used}
        for n, text in enumerate(_normalised(result.get("text", "")).split("\n"), start=1)
    ]


def _normalised(text: str) -> str:
    # the same line splitting as extraction.text.parse_document, so line numbers agree
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
