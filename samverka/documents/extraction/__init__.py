"""Read a decision memo (tjänsteskrivelse) and propose structured partnership data.

Pure Python, no Django: usable from the `extract` management command, a view, or a script.

    >>> from samverka.documents.extraction import extract_file
    >>> result = extract_file("memo.docx")
    >>> result["fields"]["total_yearly_value"]
    {'value': 2368800, 'passage': 'Det totala värdet …', 'confidence': 0.9, 'line': 118}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import extract_fields
from .loaders import MAX_BYTES, ExtractionError, load_bytes, load_path
from .text import parse_document

__all__ = [
    "MAX_BYTES",
    "ExtractionError",
    "extract_bytes",
    "extract_file",
    "extract_text",
]

# Fields that only a memo has; at least one must be found for a file to count as a memo.
_MEMO_EVIDENCE = (
    "registry_number",
    "committee",
    "total_yearly_value",
    "committee_contribution",
    "period_start",
    "decision_points",
)


def _found(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value)
    return isinstance(value, dict) and (value.get("value") is not None or value.get("conflict"))


def extract_text(text: str) -> dict[str, Any]:
    """Extract the proposal from a memo's text. Raises ExtractionError when it is not a memo."""
    doc = parse_document(text)
    result = extract_fields(doc)
    headings = sum(1 for b in doc.blocks if b.is_heading)
    evidence = [name for name in _MEMO_EVIDENCE if _found(result["fields"].get(name))]
    if not evidence and headings < 2:
        raise ExtractionError(
            "Filen verkar inte vara en tjänsteskrivelse: inga kända rubriker eller uppgifter "
            "(diarienummer, nämnd, belopp, avtalsperiod, förslag till beslut) hittades."
        )
    return result


def extract_bytes(data: bytes, name: str = "") -> dict[str, Any]:
    text, fmt = load_bytes(data, name=name)
    result = extract_text(text)
    return {"file": name, "format": fmt, **result, "text": text}


def extract_file(path: str | Path) -> dict[str, Any]:
    """Load and extract one file; the result includes the loaded text under "text"."""
    text, fmt = load_path(path)
    result = extract_text(text)
    return {"file": str(path), "format": fmt, **result, "text": text}
