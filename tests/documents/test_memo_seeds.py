"""Issue #14, item 3: the memo of each seed-based agreement version (with the demo's drafts,
which hold only what the seed's officer wrote and the register has no field for) has its seed's
sections in its seed's order, every figure and date of the seed, and no sentence without a
source (tested per memo)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from samverka.partnerships.models import AgreementVersion

from .converters import seed_text
from .memo_text import blocks, headings, plain, register_values, sentences, skeleton
from .test_memo_text import SKELETONS

pytestmark = pytest.mark.django_db

SEED_VERSIONS = {
    "000": ("IOP Bilda Sydöst och Erikshjälpen", 1),
    "001": ("IOP Östergötlands Stadsmission", 1),
    "002": ("Hoppfull framtid", 2),
    "004": ("Inkludering på lika villkor", 2),
}
# Every figure and date each seed states (its page numbers and the web address of seed 000
# aside); test_figure_lists_cover_the_seeds checks that no number of a seed is left out.
SEED_FIGURES = {
    "000": ["2023-08-29", "2024-01-01", "2025-12-31", "2 gånger 2 år", "40 heltidsplatser",
            "KS2016-313", "2 368 800", "1 658 160", "592 200", "118 440", "1976:580",
            "Bilaga 1"],
    "001": ["2023-08-30", "AN 2023-165", "2024-01-01", "2025-12-31", "2 gånger 2 år",
            "KS2016-313", "6 528 600", "1 710 000", "4 818 600", "1976:580", "Bilaga 1"],
    "002": ["december 2017", "2 080 500", "1 100 000", "2018", "24 personer", "214 976",
            "14 deltagare", "Mål 8", "1976:580"],
    "004": ["1 januari 2021", "juni 2018", "januari 2021", "nov -20", "nov 2020", "60",
            "Resurser 2021", "20 h/v (800 h/år)", "12 h/v (480 h/år)", "6 h/v (240 h/år)",
            "212 000", "127 200", "63 600", "50 000", "664 800", "339 200", "325 600", "2 %",
            "Målområde 6", "1976:580"],
}
IGNORED = {"000": ["3 (4)"], "001": [], "002": ["3 (3)"], "004": []}
CANONICAL = [
    ("Förslag till", "Förslag till beslut"), ("Ärende", "Ärende"),
    ("Beslutsunderlag", "Beslutsunderlag"), ("Bakgrund", "Bakgrund"),
    ("Idéburet Offentligt Partnerskap", "Idéburet Offentligt Partnerskap"),
    ("Ekonomiska konsekvenser", "Ekonomiska konsekvenser"), ("Kommunala mål", "Kommunala mål"),
    ("Jämställdhet", "Jämställdhet"), ("Samråd", "Samråd"),
    ("Uppföljning och utvärdering", "Uppföljning och utvärdering"),
    ("Information eller förhandling enligt lag", "MBL"),
]


def _normal(text: str) -> str:
    text = re.sub(r"[*#]", "", text.replace("\u00a0", " "))
    return re.sub(r"/\s+", "/", re.sub(r"\s+", " ", text)).strip()


def _section(line: str) -> str | None:
    line = _normal(line).rstrip(":")
    for start, key in CANONICAL:
        exact = key not in ("Förslag till beslut", "MBL")
        if (line == start) if exact else line.startswith(start) and line.endswith(
                ("beslut", "om", "arbetslivet")):
            return key
    return None


def seed_sections(prefix: str) -> list[str]:
    return [key for line in seed_text(prefix).splitlines() if (key := _section(line))]


def _version(prefix: str) -> AgreementVersion:
    name, number = SEED_VERSIONS[prefix]
    return AgreementVersion.objects.get(partnership__name=name, number=number)


def test_figure_lists_cover_the_seeds():
    """The oracle: each listed figure is in its seed, and every number of the seed is in one."""
    for prefix, figures in SEED_FIGURES.items():
        text = _normal(seed_text(prefix).replace("118 \n440", "118 440"))
        text = re.sub(r"https?://\S+", "", text)
        for figure in figures:
            assert figure in text, (prefix, figure)
        listed = " ".join(figures + IGNORED[prefix])
        for number in set(re.findall(r"\d+", text)):
            assert number in re.findall(r"\d+", listed) or number == "1", (prefix, number)


@pytest.mark.parametrize("prefix", list(SEED_VERSIONS))
def test_memo_has_the_seeds_sections_in_order(demo, prefix):
    generated = [key for heading in headings(_version(prefix)) if (key := _section(heading))]
    assert len(generated) == len(headings(_version(prefix)))
    assert generated == seed_sections(prefix)


@pytest.mark.parametrize("prefix", list(SEED_VERSIONS))
def test_memo_has_every_figure_and_date_of_its_seed(demo, prefix):
    text = _normal(plain(_version(prefix)))
    missing = [figure for figure in SEED_FIGURES[prefix] if figure not in text]
    assert not missing


@pytest.mark.parametrize("prefix", list(SEED_VERSIONS))
def test_memo_states_no_fact_the_register_does_not_hold(demo, prefix):
    version = _version(prefix)
    known = register_values(version)
    unsourced = [s for s in sentences(plain(version))
                 if skeleton(s, known) != "∎" and skeleton(s, known) not in SKELETONS]
    assert not unsourced


def test_officer_in_the_header_signatory_in_the_signature(demo):
    """Seed 001: Tora von Eckardstein (case officer) above the title with the date and Dnr;
    Mikaela Schullström signs below the MBL section."""
    memo = blocks(_version("001"))
    title = next(i for i, b in enumerate(memo) if b.kind == "title")
    header = [b.text for b in memo[:title]]
    assert header == ["Integrations- och arbetsmarknadsförvaltningen", "Tora von Eckardstein",
                      "2023-08-30", "Dnr AN 2023-165", "Arbetsmarknadsnämnden"]
    mbl = max(i for i, b in enumerate(memo) if b.kind == "heading")
    signature = [b.text for b in memo[mbl:] if b.kind == "signature"]
    assert signature == ["Integrations- och arbetsmarknadsförvaltningen",
                             "Mikaela Schullström"]
    assert not any("Tora" in b.text or "handläggare" in b.text for b in memo[title:])


def test_historical_memos_are_dated_by_their_decision_never_today(demo):
    today = timezone.localdate().isoformat()
    for version in AgreementVersion.objects.exclude(status=AgreementVersion.Status.DRAFT):
        assert today not in plain(version), version
    assert "2023-08-29" in [b.text for b in blocks(_version("000"))]


def test_ikf_memo_has_seed_004s_resource_table(demo):
    table = next(b for b in blocks(_version("004")) if b.kind == "table")
    assert table.rows[0] == ["Resurser 2021", "Kr"]
    assert table.rows[-1] == ["Totalt", "664 800 kr"]
    assert sorted(row[1] for row in table.rows[1:-1]) == sorted(
        ["212 000 kr", "212 000 kr", "127 200 kr", "63 600 kr", "50 000 kr"])
    assert "Familjepedagog, 20 h/v (800 h/år)" in [row[0] for row in table.rows]
