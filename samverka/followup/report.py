"""The yearly report to the committee (per partnership, or the portfolio) as DOCX and PDF.

Built from the publication layer (`publication.py`) – the same withheld figures as the web
pages and the CLI – in the structure of the committee's memos: ärende, beläggning, flöde,
utfall, deltagare, ekonomi, dialogmöten, uppföljning. Charts are drawn with reportlab's
graphics (vector in the PDF, PNG in the DOCX).
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from samverka.core import numbers

from . import publication
from .dialogue import meeting_years
from .models import DialogueMeeting

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def cell(value) -> str:
    """A published figure: ".." withheld, "–" zero, "uppgift saknas" unknown (core/numbers)."""
    if isinstance(value, str) and not numbers.is_suppressed(value):
        return value
    if isinstance(value, int | None | str):
        return numbers.format_published(value)
    return numbers.format_published(value, "decimal")  # means and medians: "20,2"


def pct(value) -> str:
    return numbers.format_published(value, "percent")


def kr(value) -> str:
    return numbers.format_published(value, "kronor")


def bar(value) -> float:
    """A chart bar's height: a withheld or unknown figure draws no bar (its table says why)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def legend() -> str:
    return "Teckenförklaring: " + "; ".join(
        f"{symbol} {text}" for symbol, text in numbers.LEGEND) + "."


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    title: str
    bars: list[tuple[str, float]]
    unit: str = ""
    max_value: float | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def partnership_sections(partnership, period) -> tuple[str, list[Section]]:
    data = publication.partnership(partnership, period)
    occ, flow, out, eco = data["occupancy"], data["flow"], data["outcomes"], data["economics"]
    title = f"Uppföljning av {partnership.name} {period.label}"
    sections = [Section("Ärende", [
        f"Partnerskapet {partnership.name} redovisas skriftligen till nämnden en gång per år. "
        f"Redovisningen avser perioden {data['period']['start']}–{data['period']['end']} och "
        "omfattar beläggningsgrad, flöde, vad deltagarna går vidare till, ekonomi och "
        "dialogmöten.",
        f"Tal mellan 1 och {data['small_cell_threshold'] - 1} personer redovisas inte (..), "
        "inte heller tal som de skulle kunna räknas fram ur, för att ingen enskild ska kunna "
        "identifieras.", legend(),
    ])]
    sections.append(Section(
        "Beläggningsgrad",
        [f"Beläggningsgraden var {pct(occ['rate_percent'])} ({cell(occ['occupied_place_days'])} "
         f"belagda platsdagar av {cell(occ['available_place_days'])} tillgängliga, "
         f"{cell(occ['places'])} platser)."
         + (" Beläggningen ligger under tröskeln "
            f"{pct(occ['threshold_percent'])}." if occ["under_occupied"] else "")],
        [Table("Beläggningsgrad per månad", ["Månad", "Belagda platsdagar",
                                             "Tillgängliga platsdagar", "Beläggningsgrad"],
               [[m["month"], cell(m["occupied_place_days"]), cell(m["available_place_days"]),
                 pct(m["rate_percent"])] for m in occ["months"]])],
        [Chart("Beläggningsgrad per månad (%)",
               [(m["month"][-2:], bar(m["rate_percent"])) for m in occ["months"]], "%", 100)],
    ))
    flow_rows = [["Anvisade", cell(flow["referred"])], ["varav antagna", cell(flow["accepted"])],
                 ["varav avböjda", cell(flow["declined"])],
                 ["varav väntande", cell(flow["waiting"])],
                 ["varav återtagna", cell(flow["withdrawn"])],
                 ["Aktiva vid periodens början", cell(flow["active_at_start"])],
                 ["Påbörjade", cell(flow["started"])], ["Avslutade", cell(flow["ended"])],
                 ["Aktiva vid periodens slut", cell(flow["active_at_end"])],
                 ["Deltagare under perioden", cell(flow["participants"])]]
    wait, stay = flow["days_from_referral_to_start"], flow["length_of_stay_days"]
    flow_rows += [["Dagar från anvisning till start, medel / median",
                   f"{cell(wait['mean_days'])} / {cell(wait['median_days'])}"],
                  ["Vistelsetid i dagar, medel / median",
                   f"{cell(stay['mean_days'])} / {cell(stay['median_days'])}"]]
    sections.append(Section("Flöde och genomströmning", [], [
        Table("Flöde", ["Uppgift", "Antal"], flow_rows)], [
        Chart("Flöde", [("Anvisade", bar(flow["referred"])), ("Påbörjade", bar(flow["started"])),
                        ("Avslutade", bar(flow["ended"])),
                        ("Aktiva slut", bar(flow["active_at_end"]))])]))
    sections.append(Section(
        "Vad deltagarna går vidare till",
        [f"{cell(out['exits'])} deltagare avslutade; {cell(out['to_work_or_studies'])} gick "
         f"till arbete eller studier ({pct(out['to_work_or_studies_share_percent'])})."],
        [Table("Avslut efter utfall", ["Utfall", "Antal", "Andel"],
               [[o["label"], cell(o["count"]), pct(o["share_percent"])]
                for o in out["by_outcome"]] + [["Totalt", cell(out["exits"]), ""]])],
        [Chart("Avslut efter utfall", [(o["label"][:8], bar(o["count"]))
                                       for o in out["by_outcome"]])],
    ))
    split_tables = [
        Table(caption, ["Grupp", "Deltagare", "Påbörjade", "Avslutade", "Till arbete/studier"],
              [[r["label"], cell(r["participants"]), cell(r["started"]), cell(r["ended"]),
                cell(r["to_work_or_studies"])] for r in data["splits"][key]])
        for key, caption in [("gender", "Efter kön"), ("age_band", "Efter ålder"),
                             ("route", "Efter anvisningsväg")]
    ]
    sections.append(Section("Deltagare efter kön, ålder och anvisningsväg (jämställdhet)", [],
                            split_tables))
    ind = data["individual_agreements"]
    sections.append(Section("Ekonomiska konsekvenser", [
        f"Partnerskapets värde för perioden är {kr(eco['value'])}, varav nämndens kostnad "
        f"{kr(eco['committee_cost'])}.",
        f"Under perioden gick {cell(ind['persons'])} personer på individuella avtal till en "
        f"kostnad av {kr(ind['cost'])}, medan {cell(ind['referred_under_partnership'])} "
        "anvisades inom partnerskapet.",
    ] + _routes_paragraphs(ind), [Table("Nämndens kostnad", ["Mått", "Kronor"], [
        ["Nämndens kostnad", kr(eco["committee_cost"])],
        ["per plats", kr(eco["committee_cost_per_place"])],
        ["per deltagare", kr(eco["committee_cost_per_participant"])],
        ["per avslut till arbete eller studier",
         kr(eco["committee_cost_per_exit_to_work_or_studies"])],
        ["Värde (båda parter)", kr(eco["value"])]])]))
    meetings = list(DialogueMeeting.objects.filter(
        partnership=partnership, date__gte=period.start, date__lte=period.end).order_by("date"))
    years = meeting_years(partnership, meetings, period)
    paragraphs = [f"{y['year']}: {y['held']} genomförda och {y['planned']} planerade "
                  "dialogmöten" + (" – färre än två." if y["warning"] else ".") for y in years]
    sections.append(Section("Dialogmöten", paragraphs, [Table(
        "Dialogmöten", ["Datum", "Status", "Deltagare", "Ämnen"],
        [[f"{m.date:%Y-%m-%d}", m.get_status_display(), m.participants,
          ", ".join(m.topics_covered)] for m in meetings])] if meetings else []))
    sections.extend(impact_sections(partnership, period.start.year))
    sections.append(Section("Uppföljning och utvärdering", [
        "Parterna följer löpande upp beläggningsgrad, flöde och verksamhetens innehåll och "
        "möts i dialogmöten minst två gånger per kalenderår."]))
    return title, sections


def _percent(value) -> str:
    """An SROI assumption as entered (not a computed share): "12,5 %"."""
    return f"{value} %".replace(".", ",")


def impact_sections(partnership, year: int) -> list[Section]:
    """SROI and the socio-economic account for YEAR, with every assumption, as report sections.

    The report goes to the committee, so small follow-up counts are hidden exactly as on the
    committee's web page (impact.selectors.for_viewer with no personal-data permission).
    """
    from samverka.impact.selectors import for_viewer, impact_summary

    impact = for_viewer(impact_summary(partnership, year), None)
    sections = []
    sroi = impact["sroi"]
    if sroi is not None and sroi.result is not None:
        sections.append(_sroi_section(sroi, impact))
    account = impact["account"]
    if account is not None and account.horizon_rows:
        sections.append(_account_section(account, impact))
    return sections


def _sroi_section(sroi, impact) -> Section:
    result, hide_detail = sroi.result, impact["sroi_detail_hidden"]
    if impact["sroi_totals_hidden"]:
        summary = "Nuvärde och SROI-kvot redovisas inte: de skulle röja ett litet antal personer."
    else:
        summary = (f"Nuvärde {kr(result.present_value)}, nettonuvärde "
                   f"{kr(result.net_present_value)}, SROI-kvot "
                   f"{str(result.ratio).replace('.', ',')}.")
    paragraphs = [f"Insatserna är partnerskapets hela värde {kr(sroi.inputs)}, inklusive "
                  f"parternas resurser. Diskonteringsränta "
                  f"{_percent(sroi.calculation.discount_rate)}. {summary}"]
    if hide_detail:
        paragraphs.append(f"Antal och värde per utfall redovisas inte när ett antal personer "
                          f"är mindre än {impact['threshold']} eller skulle röja ett sådant "
                          "antal (..).")
    rows = [[row.outcome.name,
             impact["small"] if hide_detail else cell(row.quantity),
             kr(row.indexed_proxy), str(row.outcome.duration), _percent(row.outcome.deadweight),
             _percent(row.outcome.displacement), _percent(row.outcome.attribution),
             _percent(row.outcome.drop_off),
             impact["small"] if hide_detail
             else kr(row.result.present_value if row.result else None)]
            for row in sroi.rows]
    return Section("Social avkastning (SROI)", paragraphs, [Table("Utfall och antaganden", [
        "Utfall", "Antal", "Proxy (årets priser)", "År", "Dödvikt", "Undanträngning",
        "Tillskrivning", "Avtagande", "Nuvärde"], rows)])


def _account_section(account, impact) -> Section:
    hidden = impact["account_persons_hidden"]
    persons = impact["small"] if hidden else cell(account.persons)
    return Section("Socioekonomiskt bokslut", [
        f"Beräkningen avser {persons} personer som går till arbete eller studier."],
        [Table("Samhällets vinst", ["År", "Per person", "Gruppen", "Break-even (personer)"],
               [[str(row["years"]), kr(row["per_person"]),
                 impact["small"] if hidden else kr(row["group"]), cell(row["break_even"])]
                for row in account.horizon_rows])])


def portfolio_sections(municipality, period) -> tuple[str, list[Section]]:
    data, rows = publication.portfolio(period, [municipality.pk])
    tot = data["total"]
    title = f"Uppföljning av partnerskapen {period.label}, {municipality.name}"
    table = Table("Partnerskapen", ["Partnerskap", "Beläggning", "Deltagare", "Påbörjade",
                                    "Avslutade", "Till arbete/studier", "Nämndens kostnad"],
                  [[i["partnership"], pct(i["occupancy"]["rate_percent"]),
                    cell(i["flow"]["participants"]), cell(i["flow"]["started"]),
                    cell(i["flow"]["ended"]), cell(i["outcomes"]["to_work_or_studies"]),
                    kr(i["economics"]["committee_cost"])]
                   for i in [*data["partnerships"], {**tot, "partnership": "Totalt"}]])
    return title, [
        Section("Ärende", [f"Portföljen omfattar {len(rows)} partnerskap under {period.label}. "
                           f"Beläggningsgraden för hela portföljen var "
                           f"{pct(tot['occupancy']['rate_percent'])}, nämndens kostnad "
                           f"{kr(tot['economics']['committee_cost'])} och värdet "
                           f"{kr(tot['economics']['value'])}."] + _without_places(tot)
                          + [legend()]),
        Section("Partnerskapen", [], [table], [Chart(
            "Beläggningsgrad per månad (%)",
            [(m["month"][-2:], bar(m["rate_percent"])) for m in tot["occupancy"]["months"]],
            "%", 100)]),
        Section("Vad deltagarna går vidare till", [], [Table(
            "Avslut efter utfall", ["Utfall", "Antal", "Andel"],
            [[o["label"], cell(o["count"]), pct(o["share_percent"])]
             for o in tot["outcomes"]["by_outcome"]])]),
    ]


def _source(route: dict) -> str:
    if route["source"] == "reported":
        return f"redovisad uppgift enligt {route['source_document'] or 'källan'}"
    return "registrerade placeringar"


def _routes_paragraphs(ind: dict) -> list[str]:
    """Cost per person by each route (seed 002), saying where each figure comes from."""
    if not ind["source"]:
        return []
    own = ind["partnership"]
    text = (f"Kostnad per person på individuella avtal: {kr(ind['cost_per_person'])} "
            f"({cell(ind['persons'])} personer, {kr(ind['cost'])}; {_source(ind)}).")
    if own["source"]:
        text += (f" Kostnad per person inom partnerskapet: {kr(own['cost_per_person'])} "
                 f"({cell(own['persons'])} personer, nämndens kostnad "
                 f"{kr(own['committee_cost'])}; {_source(own)}).")
    return [text]


def _without_places(total: dict) -> list[str]:
    names = total["occupancy"]["partnerships_without_places"]
    if not names:
        return []
    return ["Beläggningsgraden och kostnaden per plats för hela portföljen avser partnerskapen "
            "med känt antal platser. Utan känt antal platser: " + ", ".join(names) + "."]


def _drawing(chart: Chart, width=440, height=180):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 30, width - 60, height - 60
    bars.data = [[float(v) for _label, v in chart.bars] or [0]]
    bars.categoryAxis.categoryNames = [label for label, _v in chart.bars] or [""]
    bars.categoryAxis.labels.fontSize = 7
    bars.categoryAxis.labels.fontName = _font()
    bars.valueAxis.labels.fontName = _font()
    bars.valueAxis.valueMin = 0
    if chart.max_value:
        bars.valueAxis.valueMax = chart.max_value
    bars.bars[0].fillColor = colors.HexColor("#00457a")
    drawing.add(bars)
    drawing.add(String(40, height - 15, chart.title, fontName=_font(), fontSize=10))
    return drawing


def _png(chart: Chart, width=880, height=360) -> bytes:
    """The chart as a PNG (Pillow) for the DOCX."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    path = DEJAVU / "DejaVuSans.ttf"
    font = ImageFont.truetype(str(path), 16) if path.exists() else ImageFont.load_default()
    draw.text((60, 8), chart.title, fill="black", font=font)
    left, top, bottom = 60, 40, height - 40
    values = [float(v) for _label, v in chart.bars]
    peak = chart.max_value or max(values + [1])
    draw.line((left, bottom, width - 10, bottom), fill="#767676")
    draw.text((4, top), f"{peak:g}{chart.unit}", fill="black", font=font)
    step = (width - left - 10) / max(1, len(values))
    for index, ((label, _v), value) in enumerate(zip(chart.bars, values, strict=True)):
        x = left + index * step + 3
        bar = (bottom - top) * min(value, peak) / peak
        draw.rectangle((x, bottom - bar, x + step - 6, bottom), fill="#00457a")
        draw.text((x, bottom + 6), label[:9], fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


_FONT = None


def _font() -> str:
    """DejaVu Sans for å ä ö when installed, else Helvetica."""
    global _FONT
    if _FONT is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        _FONT = "Helvetica"
        if (DEJAVU / "DejaVuSans.ttf").exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold",
                                           str(DEJAVU / "DejaVuSans-Bold.ttf")))
            _FONT = "DejaVuSans"
    return _FONT


def to_docx(title: str, sections: list[Section]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for section in sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            document.add_paragraph(text)
        for table in section.tables:
            document.add_paragraph(table.caption, style="Caption")
            grid = document.add_table(rows=1, cols=len(table.header))
            grid.style = "Table Grid"
            for index, text in enumerate(table.header):
                grid.rows[0].cells[index].text = text
                for run in grid.rows[0].cells[index].paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                cells = grid.add_row().cells
                for index, text in enumerate(row):
                    cells[index].text = text
        for chart in section.charts:
            png = _png(chart)
            document.add_picture(io.BytesIO(png), width=Cm(15))
            document.add_paragraph(f"Diagram: {chart.title}. Värdena står i tabellen ovan.",
                                   style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(title: str, sections: list[Section]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    font = _font()
    bold = "DejaVuSans-Bold" if font == "DejaVuSans" else "Helvetica-Bold"
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading1", "Heading2", "Normal", "Italic"):
        styles[name].fontName = bold if name.startswith(("Title", "Heading")) else font
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Samverka", lang="sv")
    story = [Paragraph(escape(title), styles["Title"])]
    for section in sections:
        story.append(Paragraph(escape(section.heading), styles["Heading1"]))
        for text in section.paragraphs:
            story.append(Paragraph(escape(text), styles["Normal"]))
        for table in section.tables:
            story.append(Paragraph(escape(table.caption), styles["Heading2"]))
            grid = PdfTable([table.header, *table.rows], repeatRows=1)
            grid.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), font, 8), ("FONT", (0, 0), (-1, 0), bold, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f5f8"))]))
            story.append(grid)
        for chart in section.charts:
            story += [Spacer(1, 6), _drawing(chart)]
    pdf.build(story)
    return buffer.getvalue()


def build(partnership, municipality, period, fmt: str) -> bytes:
    """The report for PARTNERSHIP (or, when None, MUNICIPALITY's portfolio) as docx or pdf."""
    if partnership is None:
        title, sections = portfolio_sections(municipality, period)
    else:
        title, sections = partnership_sections(partnership, period)
    return to_docx(title, sections) if fmt == "docx" else to_pdf(title, sections)
