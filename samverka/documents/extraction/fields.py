"""Field extractors: from a parsed memo (text.Document) to a structured proposal.

Every value comes with the passage it was read from and a confidence between 0 and 1:

* 0.9–0.95  the value is stated in a fixed phrase of the memo template ("Dnr AN 2023-165",
            "för perioden 2024-01-01 till och med 2025-12-31", "totala värdet … uppgå till").
* 0.7–0.85  a table cell, a header line, or a phrase that is usual but not fixed.
* 0.4–0.6   a looser pattern (a sentence that probably describes the activities).

Nothing is guessed: a field whose pattern does not occur is left out (null, confidence 0), and
when passages disagree all their values are kept as candidates with ``conflict: true``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .numbers import (
    COUNT,
    MONTH,
    Amount,
    SwedishDate,
    add_years,
    find_amounts,
    find_dates,
    find_extensions,
    find_periods,
    month_number,
    parse_count,
    parse_date,
)
from .text import Block, Document, is_heading_text, sentences


@dataclass
class Field:
    value: Any
    passage: str
    confidence: float
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "passage": self.passage,
            "confidence": round(self.confidence, 2),
        }
        if self.line is not None:
            out["line"] = self.line
        out.update(self.extra)
        return out


MISSING: dict[str, Any] = {"value": None, "passage": None, "confidence": 0.0}


def _key(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().casefold()
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_key(v) for v in value)
    return value


def resolve(candidates: list[Field]) -> dict[str, Any]:
    """One field from several readings: the best-supported value when they agree, all distinct
    values as candidates (and no value) when they disagree."""
    if not candidates:
        return dict(MISSING)
    groups: dict[Any, list[Field]] = {}
    for c in candidates:
        groups.setdefault(_key(c.value), []).append(c)
    if len(groups) == 1:
        best = max(candidates, key=lambda c: c.confidence)
        out = best.to_dict()
        if len(candidates) > 1:
            # Agreeing passages strengthen the reading a little.
            out["confidence"] = round(min(0.99, best.confidence + 0.03 * (len(candidates) - 1)), 2)
        return out
    distinct = [max(g, key=lambda c: c.confidence) for g in groups.values()]
    distinct.sort(key=lambda c: -c.confidence)
    return {
        "value": None,
        "passage": None,
        "confidence": 0.0,
        "conflict": True,
        "candidates": [c.to_dict() for c in distinct],
    }


def resolve_dates(candidates: list[Field], *, end: bool = False) -> dict[str, Any]:
    """Like resolve(), but a month-precision date ("januari 2021") agrees with any day-precision
    date in that month ("1 januari 2021"), which then wins."""
    day = [c for c in candidates if c.extra.get("precision") == "day"]
    month = [c for c in candidates if c.extra.get("precision") == "month"]
    kept = list(day)
    for m in month:
        if not any(d.value[:7] == m.value[:7] for d in day):
            kept.append(m)
    return resolve(kept)


def _date_field(d: SwedishDate, passage: str, conf: float, line: int | None, *, end=False):
    value = (d.last_day() if end else d.first_day()).isoformat()
    return Field(value, passage, conf if d.day else conf - 0.15, line, {"precision": d.precision})


def _sentence_at(text: str, offset: int) -> tuple[int, str]:
    for start, s in sentences(text):
        if start <= offset < start + len(s) + 1:
            return start, s
    return 0, text


def _iter_sentences(blocks: list[Block]):
    for b in blocks:
        if b.kind != "para":
            continue
        for start, s in sentences(b.text):
            yield b, start, s


def _nominative(word: str) -> str:
    word = word.strip()
    if word.endswith("ens") or word.endswith("ets"):
        word = word[:-1]
    return word[:1].upper() + word[1:]


# --- line-based header and signature ---------------------------------------------------------

_PERSON_TOKEN = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüß]+(?:-[A-ZÅÄÖÉ][a-zåäöéüß]+)?$")
_NAME_PARTICLES = {"von", "af", "de", "van", "der", "la", "del"}
_ORG_WORDS = re.compile(
    r"förvaltning|kontoret|nämnd|kommun|stadsmission|förening|förbund|linköping|sydöst|"
    r"hjälpen|korset|direktör|chef|ordförande|handläggare|verksamhet|enhet",
    re.IGNORECASE,
)


def is_person_name(line: str) -> bool:
    tokens = line.strip().split()
    if not 2 <= len(tokens) <= 4 or _ORG_WORDS.search(line):
        return False
    caps = 0
    for t in tokens:
        if t in _NAME_PARTICLES:
            continue
        if not _PERSON_TOKEN.match(t):
            return False
        caps += 1
    return caps >= 2


def _clean_lines(doc: Document) -> list[tuple[int, str]]:
    cached = getattr(doc, "_clean_lines_cache", None)
    if cached is not None:
        return cached
    from .text import clean_line

    out = []
    for number, raw in enumerate(doc.lines, start=1):
        text = re.sub(r"\s+", " ", clean_line(raw)[0]).strip()
        if text:
            out.append((number, text))
    doc._clean_lines_cache = out  # type: ignore[attr-defined]
    return out


def _join_wrapped(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join "Integration- och" + "arbetsmarknadsförvaltningen" into one line."""
    out: list[tuple[int, str]] = []
    for number, text in lines:
        if out and re.search(r"-\s+och$", out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + " " + text)
        else:
            out.append((number, text))
    return out


_ADMIN_RE = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäö]*-? och )?[A-ZÅÄÖ]?[\wåäö]*(?:förvaltningen|kontoret)$", re.IGNORECASE
)
_COMMITTEE_LINE_RE = re.compile(r"^[A-ZÅÄÖ][a-zåäö\-]*nämnden$")
_DNR_RE = re.compile(r"\bDnr\.?:?\s*([A-ZÅÄÖ]{1,6})\s*(\d{4})\s*[-–]\s*(\d{1,5})\b")
_ISO_LINE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Samverka's own letterhead: "Linköpings kommun", "TJÄNSTESKRIVELSE", "Handläggare: …".
_HEADER_LABEL_RE = re.compile(r"^(?:Handläggare|Datum)\s*:\s*", re.IGNORECASE)
_SENDER_RE = re.compile(r"^(?:TJÄNSTESKRIVELSE|UPPFÖLJNINGSRAPPORT|[A-ZÅÄÖ][\w-]+ kommun)$")


@dataclass
class Header:
    title_lines: list[tuple[int, str]]
    other: list[tuple[int, str, str]]  # (line, kind, text)


def read_header(doc: Document) -> Header:
    """The lines before the "Förslag till … beslut" heading: the title, and the header items
    (administration, officer, date, Dnr, committee) that some memos put above it."""
    lines = _join_wrapped(_clean_lines(doc))
    cut = next(
        (i for i, (_, t) in enumerate(lines) if re.match(r"^Förslag till", t, re.IGNORECASE)),
        None,
    )
    if cut is None:
        return Header([], [])
    title: list[tuple[int, str]] = []
    other: list[tuple[int, str, str]] = []
    for number, text in lines[:cut]:
        text = _HEADER_LABEL_RE.sub("", text)
        if _SENDER_RE.match(text):
            other.append((number, "sender", text))
        elif _ISO_LINE_RE.match(text):
            other.append((number, "date", text))
        elif _DNR_RE.search(text) and len(text) < 40:
            other.append((number, "dnr", text))
        elif _COMMITTEE_LINE_RE.match(text):
            other.append((number, "committee", text))
        elif _ADMIN_RE.match(text):
            other.append((number, "administration", text))
        elif is_person_name(text):
            other.append((number, "officer", text))
        else:
            if title and number - title[-1][0] > 2:
                title = []  # keep the last run of lines before the heading
            title.append((number, text))
    return Header(title, other)


def _signature_lines(doc: Document) -> list[tuple[int, str]]:
    """Lines after the MBL statement and before "Beslutet skickas till"."""
    lines = _join_wrapped(_clean_lines(doc))
    start = None
    stop = len(lines)
    for i, (_, t) in enumerate(lines):
        if re.match(r"^Information eller förhandling enligt lag", t, re.IGNORECASE):
            start = i
        if re.match(r"^Beslutet skickas till", t, re.IGNORECASE):
            stop = i
    if start is None:
        return []
    out = []
    seen_statement = False
    for number, text in lines[start + 1 : stop]:
        if is_heading_text(text):
            continue
        if not seen_statement:
            if re.search(r"påkallad|genomförd|har skett|\.$", text):
                seen_statement = True
            continue
        out.append((number, text))
    return out


# --- the extractor ---------------------------------------------------------------------------


@dataclass
class Party:
    name: str
    abbreviation: str | None = None

    def aliases(self) -> list[str]:
        names = [self.name]
        if self.abbreviation:
            names.append(self.abbreviation)
        short = re.sub(r"\s+(?:i\s+)?Linköping$", "", self.name)
        short = re.sub(r"^Studieförbundet\s+", "", short)
        if short != self.name:
            names.append(short)
        return names

    def position_in(self, text: str) -> int | None:
        best = None
        for alias in self.aliases():
            pattern = re.escape(alias) + (r"s?\b" if alias.isupper() else r"")
            m = re.search(pattern, text, re.IGNORECASE if not alias.isupper() else 0)
            if m and (best is None or m.start() < best):
                best = m.start()
        return best


class Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.header = read_header(doc)
        self.fields: dict[str, Any] = {}
        self.checks: list[dict[str, Any]] = []
        self.warnings: list[str] = []
        self.parties: list[Party] = []

    # helpers
    def economy_blocks(self) -> list[Block]:
        s = self.doc.section("Ekonomiska konsekvenser")
        return s.blocks if s else []

    def decision_section(self):
        return self.doc.section("Förslag till")

    STEPS = (
        "title",
        "registry_number",
        "memo_date",
        "committee",
        "administration",
        "people",
        "decision_points",
        "memo_type",
        "period",
        "money",
        "capacity",
        "descriptions",
        "follow_up",
        "municipal_goals",
        "distribution",
        "statistics",
        "tables",
        "consistency",
    )

    def run(self) -> dict[str, Any]:
        for step in self.STEPS:
            try:
                getattr(self, step)()
            except Exception as exc:  # one broken extractor must not lose the other fields
                self.warnings.append(f"Internt fel vid tolkning av {step}: {exc!r}")
        return {"fields": self.fields, "checks": self.checks, "warnings": self.warnings}

    # title, name, parties -----------------------------------------------------------------
    def title(self) -> None:
        title_lines = self.header.title_lines
        if not title_lines:
            self.fields["title"] = dict(MISSING)
            self.fields["partnership_name"] = dict(MISSING)
            self.fields["parties"] = []
            return
        title = " ".join(t for _, t in title_lines)
        line = title_lines[0][0]
        self.fields["title"] = Field(title, title, 0.85, line).to_dict()

        name = None
        party_text = None
        m = re.match(
            r"^(?:Revidering av |Förlängning av )?(?:IOP|Idéburet offentligt partnerskap)\s+"
            r"(?P<name>[^,]+?),\s*(?P<rest>.+)$",
            title,
            re.IGNORECASE,
        )
        m2 = re.match(
            r"^(?:Revidering av |Förlängning av )?Idéburet offentligt partnerskap(?: \(IOP\))?"
            r"(?: med|,)\s+(?P<rest>.+)$",
            title,
            re.IGNORECASE,
        )
        if m2:
            party_text = m2["rest"]
        elif m:
            name = m["name"]
            party_text = m["rest"]
        if name:
            self.fields["partnership_name"] = Field(name, title, 0.8, line).to_dict()
        elif party_text:
            # Unnamed partnerships are known by their title.
            self.fields["partnership_name"] = Field(
                title, title, 0.6, line, {"note": "namnlöst partnerskap; rubriken används"}
            ).to_dict()
        else:
            self.fields["partnership_name"] = dict(MISSING)

        parties: list[Field] = []
        if party_text:
            names = [p.strip(" .") for p in re.split(r"\s+och\s+|,\s*", party_text) if p.strip()]
            decision = self.decision_section()
            decision_text = decision.text if decision else ""
            for n in names:
                party = Party(n)
                party.abbreviation = self._abbreviation(n)
                confirmed = n.casefold() in decision_text.casefold()
                value = {"name": n}
                if party.abbreviation:
                    value["abbreviation"] = party.abbreviation
                parties.append(Field(value, title, 0.9 if confirmed else 0.75, line))
                self.parties.append(party)
        self.fields["parties"] = [p.to_dict() for p in parties]

    def _abbreviation(self, name: str) -> str | None:
        """ "Internationella kvinnoföreningen, IKF, slöt …" gives IKF for "Internationella
        Kvinnoföreningen i Linköping": the words before ", ABC" begin the party's name."""
        target = name.casefold()
        for b in self.doc.paragraphs():
            for m in re.finditer(r",\s+([A-ZÅÄÖ]{2,6})\b", b.text):
                words = b.text[: m.start()].split()[-6:]
                for i in range(len(words)):
                    phrase = " ".join(words[i:]).casefold()
                    if len(words) - i >= 2 and target.startswith(phrase):
                        return m[1]
        return None

    def registry_number(self) -> None:
        found = []
        for b in self.doc.blocks:
            for m in _DNR_RE.finditer(b.text):
                found.append(Field(f"{m[1]} {m[2]}-{m[3]}", m[0], 0.95, b.line_at(m.start())))
        self.fields["registry_number"] = resolve(found)

    def memo_date(self) -> None:
        found = []
        for number, kind, text in self.header.other:
            if kind == "date":
                d = parse_date(text)
                found.append(_date_field(d, text, 0.85, number))
        s = self.doc.section("Beslutsunderlag")
        if s:
            for b in s.blocks:
                m = re.search(
                    r"Tjänsteskrivelse\s*[–-][^\n]*?,?\s*(?:\((?P<p>[^)]*)\)|(?P<d>\d{4}-\d{2}-\d{2}))",
                    b.text,
                )
                if not m:
                    continue
                if m["d"]:
                    found.append(_date_field(parse_date(m["d"]), m[0], 0.8, b.line_at(m.start())))
                elif m["p"]:
                    sm = re.search(rf"({MONTH})\s*-?\s*(\d{{2}}|\d{{4}})$", m["p"], re.IGNORECASE)
                    if sm:
                        year = int(sm[2]) if len(sm[2]) == 4 else 2000 + int(sm[2])
                        d = SwedishDate(year, month_number(sm[1]), None, text=m["p"])
                        found.append(_date_field(d, m[0], 0.6, b.line_at(m.start())))
        self.fields["memo_date"] = resolve_dates(found)

    def committee(self) -> None:
        found = []
        for number, kind, text in self.header.other:
            if kind == "committee":
                found.append(Field(text, text, 0.9, number))
        for b in self.doc.blocks:
            m = re.match(r"^Förslag till (\w+nämndens) beslut", b.text, re.IGNORECASE)
            if m:
                found.append(Field(_nominative(m[1]), b.text, 0.9, b.first_line))
        decision = self.decision_section()
        if decision:
            for b in decision.paragraphs:
                m = re.match(r"^\d+\.\s+(\w+nämnden)\b", b.text)
                if m:
                    found.append(Field(_nominative(m[1]), b.text, 0.9, b.first_line))
        if not found:
            counts: Counter[str] = Counter()
            where: dict[str, tuple[Block, re.Match]] = {}
            for b in self.doc.paragraphs():
                for m in re.finditer(r"\b(\w+nämnden?s?)\b", b.text):
                    if m[1].lower().startswith(("ansvarig", "nämnd")):
                        continue
                    key = _nominative(m[1]).rstrip("s")
                    if not key.endswith("nämnden"):
                        continue
                    counts[key] += 1
                    where.setdefault(key, (b, m))
            if counts:
                top = counts.most_common()
                best = [k for k, c in top if c == top[0][1]]
                for k in best:
                    b, m = where[k]
                    _, s = _sentence_at(b.text, m.start())
                    found.append(Field(k, s, 0.6, b.line_at(m.start())))
        self.fields["committee"] = resolve(found)

    def administration(self) -> None:
        found = []
        for number, kind, text in self.header.other:
            if kind == "administration":
                found.append(Field(text, text, 0.85, number))
        for number, text in _signature_lines(self.doc):
            if _ADMIN_RE.match(text):
                found.append(Field(text, text, 0.85, number))
        for b, start, s in _iter_sentences(self.doc.paragraphs()):
            m = re.search(
                r"tillsammans med ((?:[A-ZÅÄÖ][\wåäö]*- och )?[A-ZÅÄÖ]?[\wåäö]*förvaltningen)", s
            )
            if m:
                found.append(Field(m[1], s, 0.7, b.line_at(start)))
        self.fields["administration"] = resolve(found)

    def people(self) -> None:
        officers = [
            Field(text, text, 0.6, number)
            for number, kind, text in self.header.other
            if kind == "officer"
        ]
        self.fields["case_officer"] = resolve(officers)
        sig = _signature_lines(self.doc)
        names = [(n, t) for n, t in sig if is_person_name(t)]
        if names:
            passage = " / ".join(t for _, t in sig)
            roles = [t for _, t in sig if not is_person_name(t) and not _ADMIN_RE.match(t)]
            value = [t for _, t in names]
            extra = {"titles": roles} if roles else {}
            self.fields["signatories"] = Field(value, passage, 0.8, names[0][0], extra).to_dict()
        else:
            self.fields["signatories"] = dict(MISSING)

    def decision_points(self) -> None:
        decision = self.decision_section()
        points: list[tuple[int, str]] = []
        if decision:
            for b in decision.paragraphs:
                m = re.match(r"^(\d+)\.\s+(.*)$", b.text)
                if m:
                    points.append((b.first_line, m[2]))
                elif points:
                    points[-1] = (points[-1][0], points[-1][1] + " " + b.text)
        if points:
            self.fields["decision_points"] = Field(
                [p for _, p in points], " ".join(p for _, p in points), 0.9, points[0][0]
            ).to_dict()
        else:
            self.fields["decision_points"] = dict(MISSING)

    def memo_type(self) -> None:
        title = self.fields.get("title", {}).get("value") or ""
        points = " ".join(self.fields.get("decision_points", {}).get("value") or [])
        arende = self.doc.section("Ärende")
        arende_text = arende.text if arende else ""
        if re.match(r"^Information om", title) or re.search(r"Informationen noteras", points):
            f = Field("information", points or title, 0.8)
        elif re.match(r"^Revidering", title) or re.search(
            r"\brevider(?:a|as|ing)\b", points + " " + arende_text
        ):
            f = Field("revision", title, 0.75)
        elif re.search(r"\bteckna\b|\bantas\b", points):
            f = Field("new", points, 0.6)
        else:
            self.fields["memo_type"] = dict(MISSING)
            return
        self.fields["memo_type"] = f.to_dict()

    # period --------------------------------------------------------------------------------
    def period(self) -> None:
        starts, ends, durations, extensions, earlier = [], [], [], [], []
        decision = self.decision_section()
        decision_blocks = {id(b) for b in decision.blocks} if decision else set()
        skip = {"Övriga samverkansprojekt", "Centrala styrdokument"}
        for sec in self.doc.sections:
            if sec.heading in skip:
                continue
            for b, start, s in _iter_sentences(sec.blocks):
                in_decision = id(b) in decision_blocks
                for p in find_periods(s):
                    line = b.line_at(start + p.span[0])
                    conf = 0.9 if (p.end or in_decision) else 0.7
                    if p.start:
                        starts.append(_date_field(p.start, s, conf, line))
                    if p.end:
                        ends.append(_date_field(p.end, s, conf, line, end=True))
                    if p.duration_years:
                        durations.append(Field(p.duration_years, s, 0.85, line))
                        memo = self.fields.get("memo_date", {}).get("value")
                        if memo and p.relative_start == "årsskiftet":
                            year = int(memo[:4]) + 1
                            d = parse_date(f"{year}-01-01")
                            starts.append(_date_field(d, s, 0.6, line))
                            end = add_years(d.first_day(), p.duration_years) - dt.timedelta(1)
                            ends.append(Field(end.isoformat(), s, 0.6, line, {"precision": "day"}))
                for e in find_extensions(s):
                    extensions.append(
                        Field({"count": e.count, "years": e.years}, s, 0.9, b.line_at(start))
                    )
                m = re.search(
                    rf"(?:\bsedan|\bingick\b[^.]{{0,120}}?\bi|\bslöt\b[^.]{{0,120}}?\bi)\s+"
                    rf"(?P<d>{MONTH}\s+\d{{4}})",
                    s,
                    re.IGNORECASE,
                )
                if m:
                    d = find_dates(m["d"])
                    if d:
                        earlier.append(_date_field(d[0], s, 0.75, b.line_at(start)))
        self.fields["period_start"] = resolve_dates(starts)
        self.fields["period_end"] = resolve_dates(ends, end=True)
        if durations:
            self.fields["period_years"] = resolve(durations)
        self.fields["extension"] = resolve(extensions)
        if earlier:
            self.fields["first_agreement_since"] = resolve_dates(earlier)

    # money -----------------------------------------------------------------------------------
    def _classify(self, clause: str) -> tuple[str, str | None]:
        low = clause.casefold()
        party_hits = [p for p in self.parties if p.position_in(clause) is not None]
        if re.search(r"\btotal|\btotalt|sammanlagt|sammantaget|totala", low):
            return "total", None
        if party_hits:
            return "party", party_hits[0].name
        m = re.search(r"(\w+nämndens?)\b|(Linköpings kommuns?|kommunens?)\b", clause, re.I)
        if m and re.search(r"insats|del\b|står för|bidrar|kostnad|finansierar", low):
            who = m[1] or m[2]
            return "committee", _nominative(who) if m[1] else who.rstrip("s")
        return "", None

    def money(self) -> None:
        totals: list[Field] = []
        committee: list[Field] = []
        contributions: list[Field] = []
        budget: list[Field] = []
        indexation: list[Field] = []
        blocks = self.economy_blocks() or self.doc.paragraphs()
        for b, start, s in _iter_sentences(blocks):
            line = b.line_at(start)
            amounts = find_amounts(s)
            m = re.search(
                r"(?:pris- och löneförändring|uppräkning|indexering)[^.]*?(\d+(?:,\d+)?)\s*%",
                s,
            )
            if m:
                indexation.append(Field(float(m[1].replace(",", ".")), s, 0.85, line))
            if not amounts:
                continue
            if "respektive" in s and len(amounts) >= 2:
                subject = s[: amounts[0].start]
                hits = sorted(
                    ((p.position_in(subject), p) for p in self.parties),
                    key=lambda t: (t[0] is None, t[0]),
                )
                ordered = [p for pos, p in hits if pos is not None]
                if len(ordered) == len(amounts):
                    # "minst 592 200 kronor respektive 118 440 kronor per år": the qualifier
                    # and "per år" apply to every amount of the pair.
                    minimum = any(a.minimum for a in amounts)
                    per_year = any(a.per_year for a in amounts)
                    for p, a in zip(ordered, amounts, strict=True):
                        c = self._contribution(p.name, a, s, line, minimum)
                        if per_year:
                            c.value["per_year"] = True
                        contributions.append(c)
                    continue
            previous_end = 0
            for a in amounts:
                clause = s[previous_end : a.end]
                previous_end = a.end
                kind, who = self._classify(clause)
                if kind == "total":
                    totals.append(self._amount_field(a, s, 0.9, line))
                elif kind == "committee":
                    f = self._amount_field(a, s, 0.9, line)
                    f.extra["contributor"] = who
                    committee.append(f)
                elif kind == "party" and who:
                    contributions.append(self._contribution(who, a, s, line, a.minimum))
        for b in blocks:
            if b.kind != "row" or len(b.cells) < 2:
                continue
            amounts = find_amounts(b.cells[-1])
            if len(amounts) != 1:
                continue
            label = b.cells[0]
            if re.match(r"^(?:totalt|summa|total)\b", label, re.IGNORECASE):
                totals.append(self._amount_field(amounts[0], b.text, 0.9, b.first_line))
                continue
            value: dict[str, Any] = {"item": label, "amount": amounts[0].value}
            hm = re.search(r"(\d+)\s*h/v", label)
            if hm:
                value["hours_per_week"] = int(hm[1])
            hy = re.search(r"(\d+)\s*h/\s*år", label)
            if hy:
                value["hours_per_year"] = int(hy[1])
            budget.append(Field(value, b.text, 0.85, b.first_line))
        self.fields["total_yearly_value"] = resolve(totals)
        self.fields["committee_contribution"] = resolve(committee)
        self.fields["party_contributions"] = [c.to_dict() for c in contributions]
        self.fields["budget_lines"] = [f.to_dict() for f in budget]
        if indexation:
            self.fields["yearly_indexation_percent"] = resolve(indexation)

    @staticmethod
    def _amount_field(a: Amount, passage: str, conf: float, line: int) -> Field:
        extra: dict[str, Any] = {}
        if a.per_year:
            extra["per_year"] = True
        if a.minimum:
            extra["minimum"] = True
        if a.approximate:
            extra["approximate"] = True
            conf -= 0.1
        return Field(a.value, passage, conf, line, extra)

    @staticmethod
    def _contribution(party: str, a: Amount, passage: str, line: int, minimum: bool) -> Field:
        value = {"party": party, "amount": a.value, "minimum": minimum}
        if a.per_year:
            value["per_year"] = True
        return Field(value, passage, 0.85, line)

    # places and capacity -------------------------------------------------------------------
    def capacity(self) -> None:
        places, capacity = [], []
        for b, start, s in _iter_sentences(self.doc.paragraphs()):
            line = b.line_at(start)
            for m in re.finditer(rf"\b({COUNT})\s+heltidsplatser\b", s, re.IGNORECASE):
                places.append(Field(parse_count(m[1]), s, 0.9, line))
            for m in re.finditer(rf"\b({COUNT})\s+platser\b", s, re.IGNORECASE):
                places.append(Field(parse_count(m[1]), s, 0.7, line))
            for m in re.finditer(rf"\b({COUNT})\s+deltagare\s+i\s+taget\b", s, re.IGNORECASE):
                capacity.append(Field(parse_count(m[1]), s, 0.9, line))
        self.fields["places"] = resolve(places)
        self.fields["capacity"] = resolve(capacity)

    # descriptive fields ------------------------------------------------------------------------
    def descriptions(self) -> None:
        target, activities, referrals = [], [], []
        skip = {"Jämställdhet", "Kommunala mål", "Samråd", "Övriga samverkansprojekt"}
        blocks = [b for s in self.doc.sections if s.heading not in skip for b in s.blocks]
        for b, start, s in _iter_sentences(blocks):
            line = b.line_at(start)
            m = re.search(
                r"Målgruppen för (?:överenskommelsen|partnerskapet|insatsen|verksamheten) är "
                r"(?P<v>.+?)\.?$",
                s,
            )
            if m:
                target.append(Field(m["v"], s, 0.85, line))
            m = re.search(r"riktar sig (?:främst |företrädesvis )?till (?P<v>[^.]+)", s)
            if m:
                target.append(Field(m["v"].strip(), s, 0.55, line))
            if re.search(
                r"\bkombinerar\b|Inriktningen i den arbetslika|^Insatsen har fokus på|"
                r"med hjälp av hälsogrupper|Aktiviteterna (?:består|omfattar)",
                s,
            ):
                activities.append(Field(s, s, 0.55, line))
            m = re.search(
                r"[Aa]nvisning(?:ar)? till .{0,80}?sker (?:via|genom|från) (?P<v>[^,.]+)", s
            )
            if m:
                referrals.append(Field(m["v"].strip(), s, 0.8, line))
        self.fields["target_group"] = resolve(target)
        self.fields["activities"] = [a.to_dict() for a in activities]
        self.fields["referral_routes"] = [r.to_dict() for r in referrals]

    def follow_up(self) -> None:
        s = self.doc.section("Uppföljning och utvärdering")
        found = []
        texts: list[tuple[str, int]] = []
        if s and s.text:
            texts.append((s.text, s.blocks[0].first_line if s.blocks else 0))
        decision = self.decision_section()
        if decision:
            for b in decision.paragraphs:
                if re.search(r"följs upp|uppföljning", b.text):
                    texts.append((b.text, b.first_line))
        for text, line in texts:
            value: dict[str, Any] = {"text": text}
            m = re.search(rf"minst ({COUNT}) gånger per (?:kalender)?år", text)
            if m:
                value["dialogue_meetings_per_year_min"] = parse_count(m[1])
            m = re.search(rf"redovisas skriftligen[^.]*?({COUNT}) gång(?:er)? per år", text)
            if m:
                value["written_reports_per_year"] = parse_count(m[1])
            measures = [
                w
                for w in (
                    "beläggningsgrad",
                    "flöde",
                    "genomströmning",
                    "innehåll",
                    "antal deltagare",
                    "vad deltagarna går vidare till",
                    "progression",
                    "SROI",
                )
                if w.casefold() in text.casefold()
            ]
            if measures:
                value["measures"] = measures
            found.append(Field(value, text, 0.8, line))
        self.fields["follow_up"] = [f.to_dict() for f in found]

    def municipal_goals(self) -> None:
        s = self.doc.section("Kommunala mål")
        if not s or not s.text:
            self.fields["municipal_goals"] = dict(MISSING)
            return
        line = s.blocks[0].first_line
        text = s.text
        goals = [
            f"{m[1]} {m[2]}, {m[3].strip()}"
            for m in re.finditer(r"\b(Mål(?:område)?)\s+(\d+),\s*([^.]+?)(?:\s+är\b|\.|$)", text)
        ]
        m = re.search(r"målområdena\s+(?P<v>[^.]+?)\.", text)
        if m:
            goals += [g.strip() for g in re.split(r",\s*|\s+och\s+", m["v"]) if g.strip()]
        if goals:
            passage = _sentence_at(text, text.find(goals[0].split()[0]))[1] if goals else text
            self.fields["municipal_goals"] = Field(goals, passage, 0.8, line).to_dict()
        else:
            first = sentences(text)[0][1]
            self.fields["municipal_goals"] = Field([first], first, 0.5, line).to_dict()

    def distribution(self) -> None:
        lines = _clean_lines(self.doc)
        idx = next(
            (i for i, (_, t) in enumerate(lines) if re.match(r"^Beslutet skickas till", t)), None
        )
        if idx is None:
            self.fields["distribution"] = dict(MISSING)
            return
        first = lines[idx]
        rest = [(n, t) for n, t in lines[idx + 1 :] if t not in {"-", "–"}]
        tail = re.sub(r"^Beslutet skickas till:?\s*", "", first[1])
        if tail:
            rest.insert(0, (first[0], tail))
        if not rest:
            self.fields["distribution"] = Field([], first[1], 0.7, first[0]).to_dict()
            return
        entries: list[str] = []
        if any(t.endswith(".") for _, t in rest):
            current = ""
            for _, t in rest:
                current = (current + " " + t).strip()
                if t.endswith("."):
                    entries.append(current.rstrip("."))
                    current = ""
            if current:
                entries.append(current)
        else:
            entries = [t for _, t in rest]
        passage = " / ".join([first[1]] + [t for _, t in rest if t != tail])
        self.fields["distribution"] = Field(entries, passage, 0.8, first[0]).to_dict()

    # statistics in the text (seed 002) -------------------------------------------------------
    def statistics(self) -> None:
        individual, referred = [], []
        for b, start, s in _iter_sentences(self.doc.paragraphs()):
            line = b.line_at(start)
            m = re.search(
                rf"(?:Under|År|I)\s+(?P<y>\d{{4}})\s+gick\s+(?P<n>{COUNT})\s+(?:personer|deltagare)"
                rf"\s+på\s+individuella\s+avtal",
                s,
            )
            if m:
                value: dict[str, Any] = {"year": int(m["y"]), "persons": parse_count(m["n"])}
                cm = re.search(r"kostnaden[^.]*?uppgick till", s)
                if cm:
                    amounts = [a for a in find_amounts(s) if a.start > cm.end() - 1]
                    if amounts:
                        value["cost"] = amounts[0].value
                individual.append(Field(value, s, 0.85, line))
            m = re.search(
                rf"(?:Under|År|I)\s+(?P<y>\d{{4}})\s+anvisades\s+(?P<n>{COUNT})\s+"
                rf"(?:personer|deltagare)\s+(?:enligt|inom|till|via)\s+(?:IOP|partnerskapet)",
                s,
            )
            if m:
                referred.append(
                    Field({"year": int(m["y"]), "count": parse_count(m["n"])}, s, 0.85, line)
                )
        if individual:
            self.fields["individual_agreements"] = resolve(individual)
        if referred:
            self.fields["referred_under_partnership"] = resolve(referred)

    # tables (seed 003's portfolio overview) ---------------------------------------------------
    _COLUMNS = [
        (r"^iop$|^partnerskap$|^projekt$", "name"),
        (r"^förening|^samverkanspart|^organisation|^aktör", "organisation"),
        (r"^antal deltagare", "participants"),
        (r"^målgrupp", "target_group"),
        (r"^anvisning", "referral"),
        (r"^värde", "yearly_value"),
        (r"kostnad", "committee_cost"),
        (r"^till och med", "end"),
        (r"^aktivitet", "activity"),
    ]

    def _tables(self) -> list[list[Block]]:
        tables: list[list[Block]] = []
        previous: Block | None = None
        for b in self.doc.blocks:
            if b.kind == "row":
                if previous is not None and previous.kind == "row":
                    tables[-1].append(b)
                else:
                    tables.append([b])
            previous = b
        return tables

    def tables(self) -> None:
        partnerships: list[Field] = []
        others: list[Field] = []
        for table in self._tables():
            header = [c.casefold() for c in table[0].cells]
            columns: list[str | None] = []
            for h in header:
                columns.append(next((k for p, k in self._COLUMNS if re.search(p, h)), None))
            if "yearly_value" in columns and "committee_cost" in columns:
                for row in table[1:]:
                    partnerships.append(self._portfolio_row(row, columns))
            elif "end" in columns and "name" in columns:
                self._other_keys = [self._project_keys(self._cells(r, columns)) for r in table[1:]]
                for i, row in enumerate(table[1:]):
                    others.append(self._other_row(row, columns, i))
        others += self._agreements_in_text()
        if partnerships:
            self.fields["portfolio_partnerships"] = [p.to_dict() for p in partnerships]
            values = [p.value.get("yearly_value") for p in partnerships]
            costs = [p.value.get("committee_cost") for p in partnerships]
            if all(isinstance(v, int) for v in values + costs):
                self.fields["portfolio_totals"] = Field(
                    {
                        "partnerships": len(partnerships),
                        "total_yearly_value": sum(values),
                        "total_committee_cost": sum(costs),
                    },
                    " + ".join(p.passage.split("\t")[0] for p in partnerships),
                    0.85,
                    partnerships[0].line,
                    {"derived": "summa av tabellens rader"},
                ).to_dict()
        if others:
            self.fields["other_collaborations"] = [o.to_dict() for o in others]

    @staticmethod
    def _cells(row: Block, columns: list[str | None]) -> dict[str, str]:
        out = {}
        for key, cell in zip(columns, row.cells, strict=False):
            if key and cell:
                out[key] = cell
        return out

    def _portfolio_row(self, row: Block, columns: list[str | None]) -> Field:
        cells = self._cells(row, columns)
        value: dict[str, Any] = dict(cells)
        for key in ("yearly_value", "committee_cost"):
            amounts = find_amounts(cells.get(key, ""))
            value[key] = amounts[0].value if len(amounts) == 1 else None
        if "referral" in cells:
            value["referral"] = [
                r.strip(" .")
                for r in re.split(r"\.\s+|\.$|\s+(?=Eget initiativ)", cells["referral"])
                if r.strip(" .")
            ]
        m = re.search(r"[<>]\s?\d+\s?h/v", cells.get("target_group", ""))
        if m:
            value["intensity"] = m[0].replace(" ", "")
        conf = 0.85 if value.get("yearly_value") and value.get("committee_cost") else 0.5
        return Field(value, row.text, conf, row.first_line)

    def _other_row(self, row: Block, columns: list[str | None], row_index: int) -> Field:
        cells = self._cells(row, columns)
        value: dict[str, Any] = dict(cells)
        if "committee_cost" in cells:
            value["committee_cost_amounts"] = [
                a.value for a in find_amounts(cells["committee_cost"])
            ]
        end_text = cells.get("end", "")
        dates = find_dates(end_text)
        table_end = dates[0].last_day().isoformat() if dates else None
        value["end"] = table_end
        extra: dict[str, Any] = {}
        # Does the prose say something else about the end date? A "sträcker sig till" sentence
        # belongs to the project named last before it (in the sentence or the ones before).
        text_ends = [t for t in self._prose_end_dates() if t[0] == row_index]
        text_ends = [(v, p, ln) for _, v, p, ln in text_ends]
        disagree = [t for t in text_ends if t[0] != table_end]
        if disagree and table_end:
            value["end"] = None
            extra["conflict"] = True
            extra["end_candidates"] = [
                {
                    "value": table_end,
                    "passage": row.text,
                    "source": "tabell",
                    "line": row.first_line,
                }
            ] + [{"value": v, "passage": p, "source": "text", "line": ln} for v, p, ln in disagree]
            self.warnings.append(
                f"Motstridiga slutdatum för {cells.get('name', '?')}: tabellen säger "
                f"{end_text}, texten säger {', '.join(v for v, _, _ in disagree)}."
            )
        if dates:
            extra["end_precision"] = dates[0].precision
        return Field(value, row.text, 0.8, row.first_line, extra)

    @staticmethod
    def _project_keys(cells: dict[str, str]) -> list[str]:
        """Words by which the prose refers to a project: its name, its name without the first
        word ("Ryds Herrgård"), the partner's first distinctive word ("Kårservice")."""
        name = cells.get("name", "")
        keys = [name]
        if len(name.split()) > 1:
            keys.append(" ".join(name.split()[1:]))
        partner = [w for w in cells.get("organisation", "").split() if w not in {"AB", "i"}]
        if partner:
            keys.append(partner[0])
        return [k for k in keys if len(k) > 3]

    def _prose_end_dates(self) -> list[tuple[int, str, str, int]]:
        section = self.doc.section("Övriga samverkansprojekt")
        keys = getattr(self, "_other_keys", [])
        out: list[tuple[int, str, str, int]] = []
        if not section or not keys:
            return out
        current: int | None = None
        for b, start, s in _iter_sentences(section.blocks):
            mentions = [(s.rfind(k), i) for i, ks in enumerate(keys) for k in ks if s.rfind(k) >= 0]
            for m in re.finditer(rf"sträcker sig (?:fram )?till (?P<d>{MONTH}\s+\d{{4}})", s, re.I):
                before = [(pos, i) for pos, i in mentions if pos < m.start()]
                if before:
                    current = max(before)[1]
                d = find_dates(m["d"])
                if d and current is not None:
                    out.append((current, d[0].last_day().isoformat(), s, b.line_at(start)))
            if mentions:
                current = max(mentions)[1]
        return out

    def _agreements_in_text(self) -> list[Field]:
        out = []
        section = self.doc.section("Övriga samverkansprojekt")
        if not section:
            return out
        for b in section.paragraphs:
            m = re.search(
                r"avtal med (?P<p>[A-ZÅÄÖ][\wåäö]*(?: [\wåäö]+)*?) "
                r"om (?P<n>[A-ZÅÄÖ][\wåäö]+)",
                b.text,
            )
            if not m:
                continue
            value: dict[str, Any] = {"name": m["n"], "organisation": m["p"], "kind": "avtal"}
            e = re.search(rf"(?:löper|gäller) till och med (?P<d>{MONTH}\s+\d{{4}})", b.text, re.I)
            if e:
                d = find_dates(e["d"])
                if d:
                    value["end"] = d[0].last_day().isoformat()
            out.append(Field(value, b.text, 0.6, b.first_line))
        return out

    # consistency -------------------------------------------------------------------------------
    def consistency(self) -> None:
        total = self.fields.get("total_yearly_value", {}).get("value")
        committee = self.fields.get("committee_contribution", {}).get("value")
        parts = [c["value"]["amount"] for c in self.fields.get("party_contributions", [])]
        if isinstance(total, int) and isinstance(committee, int) and parts:
            ok = committee + sum(parts) == total
            self.checks.append(
                {
                    "check": "contributions_sum_to_total",
                    "ok": ok,
                    "detail": f"{committee} + {' + '.join(map(str, parts))} = "
                    f"{committee + sum(parts)}; totalt {total}",
                }
            )
            if not ok:
                self.warnings.append("Parternas insatser summerar inte till det totala värdet.")
        lines = [b["value"]["amount"] for b in self.fields.get("budget_lines", [])]
        if lines and isinstance(total, int):
            ok = sum(lines) == total
            self.checks.append(
                {
                    "check": "budget_lines_sum_to_total",
                    "ok": ok,
                    "detail": f"{' + '.join(map(str, lines))} = {sum(lines)}; totalt {total}",
                }
            )
            if not ok:
                self.warnings.append("Budgetraderna summerar inte till totalen.")
        portfolio = self.fields.get("portfolio_totals")
        if portfolio:
            for _b, _, s in _iter_sentences(self.doc.paragraphs()):
                m = re.search(
                    rf"finns [^.]{{0,40}}?\b({COUNT}) "
                    r"Idéburna Offentliga Partnerskap",
                    s,
                    re.I,
                )
                if m:
                    stated = parse_count(m[1])
                    ok = stated == portfolio["value"]["partnerships"]
                    self.checks.append(
                        {
                            "check": "partnership_count_matches_table",
                            "ok": ok,
                            "detail": f"texten: {stated}, tabellen: "
                            f"{portfolio['value']['partnerships']}",
                        }
                    )
                    break


def extract_fields(doc: Document) -> dict[str, Any]:
    return Extractor(doc).run()
