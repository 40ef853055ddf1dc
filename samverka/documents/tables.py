"""The tables of a memo (seed 003's overview) as proposals of several partnerships, one per row.

Pure Python on top of the extraction result: the rows and their values come from the extractor
("portfolio_partnerships", "other_collaborations"); the caption (the heading before the table),
the column headers and the year the figures concern are read again from the memo's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .extraction.numbers import find_amounts, format_int
from .extraction.text import Block, parse_document

IOP = "iop"
OTHER = "other"

# Organisation kinds (the values of organisations.Organisation.Kind) guessed from a name.
CIVIL_SOCIETY = "civil_society"
COMPANY = "company"
PUBLIC_BODY = "public_body"

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_COMPANY = re.compile(r"(?:^|\s)AB(?:\s|$)|\baktiebolag", re.I)
_PUBLIC = re.compile(r"förbund", re.I)
_SPLIT_ORGS = re.compile(r"\s+och\s+|\s*,\s*|\s*&\s*")
# partnership form stated in the prose about a project (first match wins)
_FORMS = [
    (re.compile(r"offentlig upphandling|\bLOU\b", re.I), "lou"),
    (re.compile(r"\bESF\b", re.I), "project"),
    (re.compile(r"föreningsbidrag", re.I), "grant"),
    (re.compile(r"idéburet offentligt partnerskap|\bIOP\b", re.I), "iop"),
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_SINGLE_COUNT = re.compile(r"^(\d[\d\s]*?)\s*(?:st\.?)?\s*(?:\(.*\))?\s*\.?$", re.I)


@dataclass
class Row:
    index: int
    name: str
    organisations: list[str]
    org_kinds: list[tuple[str, str, bool]]  # (name, kind, guessed)
    participants: str
    target_group: str
    referral: list[str]
    value: int | None
    committee_cost: int | None
    committee_cost_text: str
    end: str | None  # ISO date when the memo states one unambiguously
    end_text: str
    end_note: str
    activity: str
    intensity: str
    form: str
    form_stated: bool
    form_passage: str  # the sentence that states the form, when the prose does
    passage: str
    line: int | None

    @property
    def participants_number(self) -> int | None:
        """The participants as a number, only when the text states a single count."""
        m = _SINGLE_COUNT.match(self.participants.strip())
        if not m:
            return None
        return int(re.sub(r"\s", "", m[1]))

    @property
    def referral_text(self) -> str:
        return ". ".join(self.referral)

    @property
    def value_text(self) -> str:
        return "" if self.value is None else f"{format_int(self.value)} kr"


@dataclass
class Table:
    key: str  # IOP or OTHER
    caption: str
    header: list[str]
    year: int | None
    rows: list[Row] = field(default_factory=list)


def _raw_tables(text: str) -> list[tuple[str, list[Block]]]:
    """(caption, row blocks incl. the header) of each table in TEXT, in document order."""
    doc = parse_document(text)
    out: list[tuple[str, list[Block]]] = []
    caption = ""
    previous: Block | None = None
    for b in doc.blocks:
        if b.is_heading:
            caption = b.text
        elif b.kind == "row":
            if previous is not None and previous.kind == "row":
                out[-1][1].append(b)
            else:
                out.append((caption, [b]))
        previous = b
    return out


def _year(header: list[str]) -> int | None:
    for cell in header:
        folded = cell.casefold()
        if "deltagare" in folded or "kostnad" in folded or "värde" in folded:
            m = _YEAR.search(cell)
            if m:
                return int(m[0])
    return None


def organisation_kind(name: str, table: str) -> tuple[str, bool]:
    """(kind, guessed): civil society for an IOP's party; otherwise by the name, else guessed."""
    if table == IOP:
        return CIVIL_SOCIETY, False
    if _COMPANY.search(name):
        return COMPANY, False
    if _PUBLIC.search(name):
        return PUBLIC_BODY, False
    return CIVIL_SOCIETY, True


def split_organisations(text: str) -> list[str]:
    return [part.strip(" .") for part in _SPLIT_ORGS.split(text or "") if part.strip(" .")]


def committee_cost_for_year(text: str) -> int | None:
    """The committee's cost for the table's year: the amounts outside parentheses, summed
    ("ESF: 1 350 000 kr (1 350 000 kr) Personalrel.kst: 550 000 kr (550 000 kr)" → 1 900 000;
    the amounts in parentheses concern the next year)."""
    amounts = find_amounts(re.sub(r"\([^)]*\)", " ", text or ""))
    return sum(a.value for a in amounts) if amounts else None


def _forms_in_prose(text: str, names: list[list[str]]) -> dict[int, tuple[str, str]]:
    """Row index -> (partnership form, sentence) that the prose of the table's section states."""
    doc = parse_document(text)
    section = doc.section("Övriga samverkansprojekt")
    found: dict[int, tuple[str, str]] = {}
    if not section:
        return found
    for paragraph in section.paragraphs:
        current: int | None = None
        for sentence in _SENTENCE.split(paragraph.text):
            mentions = [(sentence.find(k), i) for i, keys in enumerate(names) for k in keys
                        if k and sentence.find(k) >= 0]
            if mentions:
                current = min(mentions)[1]
            if current is None or current in found:
                continue
            for pattern, form in _FORMS:
                if pattern.search(sentence):
                    found[current] = (form, sentence)
                    break
    return found


def _keys(name: str, organisation: str) -> list[str]:
    keys = [name]
    words = name.split()
    if len(words) > 1:
        keys.append(" ".join(words[1:]))
    partner = [w for w in organisation.split() if w not in {"AB", "i"}]
    if partner:
        keys.append(partner[0])
    return [k for k in keys if len(k) > 3]


def _end_note(item: dict) -> str:
    candidates = item.get("end_candidates") or []
    if item.get("conflict") and candidates:
        stated = "; ".join(f"{c['value']} ({c['source']})" for c in candidates)
        return f"Källorna anger olika slutdatum: {stated}"
    return ""


def table_proposals(result: dict[str, Any]) -> list[Table]:
    """The memo's tables with one proposed partnership per row; empty when it has none."""
    fields = result.get("fields", {})
    by_line = {}
    for key, items in ((IOP, fields.get("portfolio_partnerships") or []),
                       (OTHER, fields.get("other_collaborations") or [])):
        for item in items:
            if item.get("line") is not None and "\t" in (item.get("passage") or ""):
                by_line[item["line"]] = (key, item)
    tables: list[Table] = []
    for caption, blocks in _raw_tables(result.get("text", "")):
        items = [by_line.get(b.first_line) for b in blocks[1:]]
        kinds = {found[0] for found in items if found}
        if len(kinds) != 1:
            continue
        key = kinds.pop()
        table = Table(key=key, caption=caption, header=blocks[0].cells,
                      year=_year(blocks[0].cells))
        pairs = [(b, found[1]) for b, found in zip(blocks[1:], items, strict=True) if found]
        forms = {}
        if key == OTHER:
            forms = _forms_in_prose(result.get("text", ""), [
                _keys(item["value"].get("name", ""), item["value"].get("organisation", ""))
                for _b, item in pairs])
        for index, (block, item) in enumerate(pairs):
            value = item.get("value") or {}
            organisations = split_organisations(value.get("organisation", ""))
            org_kinds = [(name, *organisation_kind(name, key)) for name in organisations]
            cost_text = value.get("committee_cost") if key == OTHER else ""
            cost = (committee_cost_for_year(cost_text) if key == OTHER
                    else value.get("committee_cost"))
            end_text = ""
            if key == OTHER and len(table.header) > 0:
                end_text = next((c for h, c in zip(table.header, block.cells, strict=False)
                                 if h.casefold().startswith("till och med")), "")
            form, form_passage = (IOP, "") if key == IOP else forms.get(index, ("other", ""))
            table.rows.append(Row(
                index=index,
                name=value.get("name", ""),
                organisations=organisations,
                org_kinds=org_kinds,
                participants=value.get("participants", ""),
                target_group=value.get("target_group", ""),
                referral=list(value.get("referral") or []),
                value=value.get("yearly_value") if key == IOP else None,
                committee_cost=cost if isinstance(cost, int) else None,
                committee_cost_text=cost_text or "",
                end=value.get("end"),
                end_text=end_text,
                end_note=_end_note(item),
                activity=value.get("activity", ""),
                intensity=value.get("intensity", ""),
                form=form,
                form_stated=key == IOP or index in forms,
                form_passage=form_passage,
                passage=item.get("passage") or block.text,
                line=item.get("line"),
            ))
        if table.rows:
            tables.append(table)
    return tables
