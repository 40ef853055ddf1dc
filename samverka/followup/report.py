"""The yearly report to the committee (per partnership, or the portfolio) as DOCX and PDF.

Built from the publication layer (`publication.py`) – the same withheld figures as the web
pages and the CLI – in the structure of the committee's memos: ärende, beläggning, flöde,
utfall, deltagare, ekonomi, dialogmöten, uppföljning. Charts are drawn with reportlab's
graphics (vector in the PDF, PNG in the DOCX).
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from samverka.core import layout, numbers

from . import charts, publication
from .dialogue import meeting_years
from .models import DialogueMeeting


def cell(value) -> str:
    """A published figure: "..", "–", "uppgift saknas", "1 234" or "20,2" (core/numbers)."""
    if isinstance(value, str) and not numbers.is_suppressed(value):
        return value
    if isinstance(value, Decimal | float):
        return numbers.format_published(value, "decimal")
    return numbers.format_published(value)


def pct(value) -> str:
    return numbers.format_published(value, "percent")


def kr(value) -> str:
    return numbers.format_published(value, "kronor")


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    title: str
    bars: list[tuple[str, object]]  # (label, published value: number, ".." or None)
    kind: str = "count"
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
        f"Antal mellan 1 och {data['small_cell_threshold'] - 1} personer redovisas inte "
        f"({numbers.SUPPRESSED}), inte heller tal som de skulle kunna räknas fram ur, för att "
        "ingen enskild ska kunna identifieras. " + _legend_sentence(),
    ])]
    sections.append(Section(
        "Beläggningsgrad",
        [_occupancy_sentence(occ)],
        [Table("Beläggningsgrad per månad", ["Månad", "Belagda platsdagar",
                                             "Tillgängliga platsdagar", "Beläggningsgrad"],
               [[charts.month_label(m["month"]), cell(m["occupied_place_days"]),
                 cell(m["available_place_days"]), pct(m["rate_percent"])] for m in occ["months"]])],
        [Chart("Beläggningsgrad per månad (procent)",
               [(charts.month_label(m["month"]), m["rate_percent"]) for m in occ["months"]],
               "percent", 100)],
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
        Chart("Flöde (antal personer)", [
            ("Anvisade", flow["referred"]), ("Påbörjade", flow["started"]),
            ("Avslutade", flow["ended"]), ("Aktiva vid periodens slut", flow["active_at_end"])])]))
    sections.append(Section(
        "Vad deltagarna går vidare till",
        [f"{cell(out['exits'])} deltagare avslutade; {cell(out['to_work_or_studies'])} gick "
         f"till arbete eller studier ({pct(out['to_work_or_studies_share_percent'])})."],
        [Table("Avslut efter utfall", ["Utfall", "Antal", "Andel"],
               [[o["label"], cell(o["count"]), pct(o["share_percent"])]
                for o in out["by_outcome"]] + [["Totalt", cell(out["exits"]), ""]])],
        [Chart("Avslut efter utfall (antal personer)",
               [(o["label"], o["count"]) for o in out["by_outcome"]])],
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
        _value_sentence("Partnerskapets värde för perioden", eco), _individual_sentence(ind),
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
    paragraphs = [f"Dialogmöten {y['year']}: genomförda {y['held']}, planerade {y['planned']}"
                  + (" – färre än två." if y["warning"] else ".") for y in years]
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
    """An SROI assumption as entered (not a computed share), without invented decimals:
    "12,5 %", "2 %"."""
    if value is None:
        return numbers.UNKNOWN
    return numbers.format_percent_entered(value, numbers.NBSP)


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
                   f"{numbers.decimal_text(result.ratio, 2)}.")
    paragraphs = [f"Insatserna är partnerskapets hela värde {kr(sroi.inputs)}, inklusive "
                  f"parternas resurser. Diskonteringsränta "
                  f"{_percent(sroi.calculation.discount_rate)}. {summary}"]
    if hide_detail:
        paragraphs.append(f"Antal och värde per utfall redovisas inte när ett antal från "
                          f"uppföljningen är mindre än {impact['threshold']} "
                          "eller skulle röja ett sådant antal.")
    hidden = numbers.SUPPRESSED
    values = [[row.outcome.name,
               hidden if hide_detail else cell(row.quantity), kr(row.indexed_proxy),
               str(row.outcome.duration),
               hidden if hide_detail else kr(row.result.present_value if row.result else None)]
              for row in sroi.rows]
    assumptions = [[row.outcome.name, _percent(row.outcome.deadweight),
                    _percent(row.outcome.displacement), _percent(row.outcome.attribution),
                    _percent(row.outcome.drop_off)] for row in sroi.rows]
    return Section("Social avkastning (SROI)", paragraphs, [
        Table("Utfall och värde", ["Utfall", "Antal", "Proxy (årets priser)",
                                   "Varaktighet (år)", "Nuvärde"], values),
        Table("Antaganden per utfall", ["Utfall", "Dödvikt", "Undanträngning",
                                        "Tillskrivning", "Avtagande"], assumptions)])


def _account_section(account, impact) -> Section:
    hidden = impact["account_persons_hidden"]
    persons = numbers.SUPPRESSED if hidden else cell(account.persons)
    return Section("Socioekonomiskt bokslut", [
        f"Beräkningen avser {persons} personer som går till arbete eller studier."],
        [Table("Samhällets vinst", ["År", "Per person", "Gruppen", "Personer för att gå jämnt ut"],
               [[str(row["years"]), kr(row["per_person"]),
                 numbers.SUPPRESSED if hidden else kr(row["group"]),
                 cell(row["break_even"])] for row in account.horizon_rows])])


def portfolio_sections(municipality, period) -> tuple[str, list[Section]]:
    data, rows = publication.portfolio(period, [municipality.pk])
    tot = data["total"]
    months = tot["occupancy"]["months"]
    title = f"Uppföljning av partnerskapen {period.label}, {municipality.name}"
    table = Table("Partnerskapen", ["Partnerskap", "Beläggning", "Deltagare", "Påbörjade",
                                    "Avslutade", "Till arbete eller studier",
                                    "Nämndens kostnad"],
                  [[i["partnership"], pct(i["occupancy"]["rate_percent"]),
                    cell(i["flow"]["participants"]), cell(i["flow"]["started"]),
                    cell(i["flow"]["ended"]), cell(i["outcomes"]["to_work_or_studies"]),
                    kr(i["economics"]["committee_cost"])]
                   for i in [*data["partnerships"], {**tot, "partnership": "Totalt"}]])
    return title, [
        Section("Ärende", [f"Portföljen omfattar {len(rows)} partnerskap under {period.label}. "
                           f"Beläggningsgraden för hela portföljen var "
                           f"{pct(tot['occupancy']['rate_percent'])}. "
                           + _value_sentence("Hela portföljens värde", tot["economics"])]
                          + _without_places(tot)
                          + [_legend_sentence()]),
        Section("Partnerskapen", [], [table]),
        Section("Beläggningsgrad per månad", [], [Table(
            "Beläggningsgrad per månad, hela portföljen", ["Månad", "Beläggningsgrad"],
            [[charts.month_label(m["month"]), pct(m["rate_percent"])] for m in months])],
            [Chart("Beläggningsgrad per månad (procent)",
                   [(charts.month_label(m["month"]), m["rate_percent"]) for m in months],
                   "percent", 100)]),
        Section("Vad deltagarna går vidare till", [], [Table(
            "Avslut efter utfall", ["Utfall", "Antal", "Andel"],
            [[o["label"], cell(o["count"]), pct(o["share_percent"])]
             for o in tot["outcomes"]["by_outcome"]])]),
    ]


def _occupancy_sentence(occ: dict) -> str:
    if occ["places"] is None:
        return ("Beläggningsgraden kan inte beräknas eftersom antalet platser inte är känt "
                f"({cell(occ['occupied_place_days'])} belagda platsdagar).")
    return (f"Beläggningsgraden var {pct(occ['rate_percent'])} "
            f"({cell(occ['occupied_place_days'])} belagda platsdagar av "
            f"{cell(occ['available_place_days'])} tillgängliga, {cell(occ['places'])} platser)."
            + (" Beläggningen ligger under tröskeln "
               f"{pct(occ['threshold_percent'])}." if occ["under_occupied"] else ""))


def _known_kr(value) -> str:
    """An amount inside a sentence: "inte känd" rather than "uppgift saknas"."""
    return "inte känd" if value is None else kr(value)


def _value_sentence(subject: str, eco: dict) -> str:
    """SUBJECT's value and the committee's cost, saying which is unknown rather than printing
    "uppgift saknas" inside a sentence."""
    value, cost = eco["value"], eco["committee_cost"]
    if value is not None and cost is not None:
        return f"{subject} är {kr(value)}, varav nämndens kostnad {kr(cost)}."
    if value is not None:
        return f"{subject} är {kr(value)}; nämndens kostnad är inte känd för hela perioden."
    if cost is not None:
        return f"Nämndens kostnad är {kr(cost)}; värdet är inte känt för hela perioden."
    return "Värdet och nämndens kostnad är inte kända för hela perioden."


def _individual_sentence(ind: dict) -> str:
    """Persons on individual agreements beside those referred within the partnership."""
    referred = f"{cell(ind['referred_under_partnership'])} anvisades inom partnerskapet"
    if ind["persons"] == 0:
        return f"Under perioden gick inga personer på individuella avtal, medan {referred}."
    cost = (f"till en kostnad av {kr(ind['cost'])}" if ind["cost"] is not None
            else "till en kostnad som inte är känd")
    return (f"Under perioden gick {cell(ind['persons'])} personer på individuella avtal {cost}, "
            f"medan {referred}.")


def _source(route: dict) -> str:
    if route["source"] == "reported":
        return f"redovisad uppgift enligt {route['source_document'] or 'källan'}"
    return "registrerade placeringar"


def _routes_paragraphs(ind: dict) -> list[str]:
    """Cost per person by each route (seed 002), saying where each figure comes from."""
    if not ind["source"]:
        return []
    own = ind["partnership"]
    text = (f"Kostnad per person på individuella avtal: {_known_kr(ind['cost_per_person'])} "
            f"({cell(ind['persons'])} personer, {_known_kr(ind['cost'])}; {_source(ind)}).")
    if own["source"]:
        text += (f" Kostnad per person inom partnerskapet: {_known_kr(own['cost_per_person'])} "
                 f"({cell(own['persons'])} personer, nämndens kostnad "
                 f"{_known_kr(own['committee_cost'])}; {_source(own)}).")
    return [text]


def _without_places(total: dict) -> list[str]:
    names = total["occupancy"]["partnerships_without_places"]
    if not names:
        return []
    return ["Beläggningsgraden och kostnaden per plats för hela portföljen avser partnerskapen "
            "med känt antal platser. Utan känt antal platser: " + ", ".join(names) + "."]


def _legend_sentence() -> str:
    return "Teckenförklaring: " + "; ".join(
        f"{symbol} {meaning}" for symbol, meaning in numbers.LEGEND) + "."


def to_docx(head: layout.Letterhead, sections: list[Section]) -> bytes:
    from docx.shared import Cm

    document = layout.new_docx(head)
    layout.keep_with_next(document.add_heading(head.title, level=0))
    for section in sections:
        layout.keep_with_next(document.add_heading(section.heading, level=1))
        for text in section.paragraphs:
            document.add_paragraph(layout.nbsp(text))
        for table in section.tables:
            layout.keep_with_next(document.add_paragraph(table.caption, style="Caption"))
            layout.docx_table(document, table.header, table.rows)
        for chart in section.charts:
            reason = charts.empty_reason(chart.bars)
            if reason:
                document.add_paragraph(reason)
                continue
            png = charts.png(chart.title, chart.bars, chart.kind, chart.max_value,
                             font_path=layout.font_file(), bold_path=layout.font_file(bold=True))
            layout.keep_with_next(document.add_paragraph())
            document.add_picture(io.BytesIO(png), width=Cm(15))
            document.add_paragraph(f"Diagram: {chart.title}. Värdena står i tabellen ovan.",
                                   style="Caption")
    return layout.docx_bytes(document)


def to_pdf(head: layout.Letterhead, sections: list[Section]) -> bytes:
    from reportlab.platypus import KeepTogether, Spacer

    regular, bold = layout.fonts()

    def story():
        style = layout.styles()
        flowables = [layout.paragraph(head.title, style["title"])]
        for section in sections:
            flowables.append(layout.paragraph(section.heading, style["heading"]))
            flowables += [layout.paragraph(text, style["body"]) for text in section.paragraphs]
            for table in section.tables:
                flowables += [layout.paragraph(table.caption, style["caption"]),
                              layout.pdf_table(table.header, table.rows), Spacer(1, 6)]
            for chart in section.charts:
                reason = charts.empty_reason(chart.bars)
                if reason:
                    flowables.append(layout.paragraph(reason, style["body"]))
                    continue
                flowables.append(KeepTogether([Spacer(1, 6), charts.reportlab_drawing(
                    chart.title, chart.bars, chart.kind, chart.max_value,
                    width=layout.TEXT_WIDTH, font=regular, bold=bold), layout.paragraph(
                    f"Diagram: {chart.title}. Värdena står i tabellen ovan.", style["note"])]))
        return flowables

    return layout.build_pdf(head, story)


def letterhead(partnership, municipality, title: str, officer: str = "") -> layout.Letterhead:
    """The sender of the report: the partnership's administration and latest registry number."""
    administration, registry = "", ""
    if partnership is not None:
        if partnership.administration_id:
            administration = partnership.administration.name
        decision = partnership.decisions.exclude(registry_number="").order_by("date").last()
        registry = decision.registry_number if decision else ""
    return layout.Letterhead(title=title, municipality=municipality.name,
                             administration=administration, registry_number=registry,
                             date=numbers.format_date(timezone.localdate()), officer=officer,
                             kind="Uppföljningsrapport")


def build(partnership, municipality, period, fmt: str, officer: str = "") -> bytes:
    """The report for PARTNERSHIP (or, when None, MUNICIPALITY's portfolio) as docx or pdf;
    OFFICER (the person who generates it) stands in the header block and as the author."""
    if partnership is None:
        title, sections = portfolio_sections(municipality, period)
    else:
        title, sections = partnership_sections(partnership, period)
    head = letterhead(partnership, municipality, title, officer)
    return to_docx(head, sections) if fmt == "docx" else to_pdf(head, sections)
