"""Follow-up pages: portfolio dashboard, a partnership's follow-up, reports, dialogue meetings."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samverka.accounts.policy import EDIT_REGISTER, EXPORT_REGISTER, VIEW_REGISTER, require
from samverka.ops.timeouts import statistics_view
from samverka.partnerships.models import AgreementVersion, Partnership

from . import charts, dialogue, exports, report, snapshots
from .models import DialogueMeeting
from .periods import Period, PeriodError, parse_period, year_period
from .published import published
from .stats import partnership_stats

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _period(request):
    text = request.GET.get("period") or str(dt.date.today().year)
    try:
        return parse_period(text), None
    except PeriodError as error:
        return year_period(dt.date.today().year), str(error)


def _municipality(request, action=VIEW_REGISTER):
    require(request.user, action)
    return request.user.profile.municipality


PAGE_SIZE = 100


def dashboard_data(municipality, period, form="", status="", under=False, q="", live=False):
    """The dashboard's figures filtered; LIVE computes them now instead of reading a snapshot."""
    data, computed_at = snapshots.dashboard(municipality, period, refresh=live)
    items = []
    for item in data["partnerships"]:
        if form and item["form"] != form:
            continue
        if status and item["status_key"] != status:
            continue
        if under and not item["occupancy"]["under_occupied"]:
            continue
        if q and q.lower() not in item["partnership"].lower():
            continue
        items.append(item)
    data["partnerships"] = items
    data["computed_at"] = computed_at
    return data


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@login_required
@statistics_view  # statement timeout for the statistics queries
def dashboard(request):
    municipality = _municipality(request)
    period, error = _period(request)
    filters = {"form": request.GET.get("form", ""), "status": request.GET.get("status", ""),
               "under": request.GET.get("under") == "1", "q": request.GET.get("q", "").strip()}
    data = dashboard_data(municipality, period, **filters,
                          live=request.GET.get("refresh") == "1")
    page = Paginator(data["partnerships"], PAGE_SIZE).get_page(_page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("refresh", None)
    total = data["total"]
    chart = charts.bar_chart_svg(
        _("Beläggningsgrad per månad %(period)s, hela portföljen") % {"period": period.label},
        [(m["month"], m["rate_percent"]) for m in total["occupancy"]["months"]], " %", 100)
    ytd = Period(year_period(dt.date.today().year).start, dt.date.today(),
                 f"{dt.date.today().year} hittills")
    ytd_data, _ytd_at = snapshots.dashboard(municipality, ytd)
    occupancy = {item["id"]: item["occupancy"] for item in ytd_data["partnerships"]}
    status_labels = dict(AgreementVersion.Status.choices)
    for item in page:
        item["status_label"] = status_labels.get(item["status_key"], item["status"])
    return render(request, "followup/dashboard.html", {
        "nav": "followup", "period": period, "period_error": error, "data": data,
        "page": page, "query": query.urlencode(), "max_age_minutes": snapshots.max_age_seconds()
        // 60, "total": total, "chart": mark_safe(chart), "filters": filters,
        "forms": Partnership.Form.choices, "statuses": AgreementVersion.Status.choices,
        "reminders": dialogue.reminders_for(municipality, dt.date.today(),
                                            occupancy=occupancy)[:10],
    })


@login_required
@statistics_view  # statement timeout for the statistics queries
def dashboard_xlsx(request):
    municipality = _municipality(request, EXPORT_REGISTER)
    period, _error = _period(request)
    data = dashboard_data(municipality, period, live=True)
    response = HttpResponse(exports.dashboard_xlsx(data, period),
                            content_type="application/vnd.openxmlformats-officedocument."
                                         "spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{period.label}.xlsx"'
    return response


def _partnership(request, pk, action=VIEW_REGISTER):
    partnership = get_object_or_404(Partnership, pk=pk)
    require(request.user, action, partnership.municipality_id)
    return partnership


@login_required
@statistics_view  # statement timeout for the statistics queries
def partnership(request, pk):
    item = _partnership(request, pk)
    period, error = _period(request)
    data = published(partnership_stats(item, period))
    months = data["occupancy"]["months"]
    occupancy_chart = charts.bar_chart_svg(
        _("Beläggningsgrad per månad %(period)s") % {"period": period.label},
        [(m["month"], m["rate_percent"]) for m in months], " %", 100)
    outcome_chart = charts.bar_chart_svg(
        _("Avslut efter utfall %(period)s") % {"period": period.label},
        [(o["label"], o["count"]) for o in data["outcomes"]["by_outcome"]])
    meetings = item.dialogue_meetings.order_by("date")
    return render(request, "followup/partnership.html", {
        "nav": "followup", "partnership": item, "period": period, "period_error": error,
        "data": data, "occupancy_chart": mark_safe(occupancy_chart),
        "outcome_chart": mark_safe(outcome_chart), "meetings": meetings,
        "meeting_years": dialogue.meeting_years(item, meetings, period),
    })


def _report_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@statistics_view  # statement timeout for the statistics queries
def partnership_report(request, pk, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    item = _partnership(request, pk, EXPORT_REGISTER)
    period, _error = _period(request)
    with translation.override("sv"):  # the committee's reports are Swedish documents
        content = report.build(item, item.municipality, period, fmt)
    return _report_response(content, fmt, f"arsrapport-{item.pk}-{period.label}")


@login_required
@statistics_view  # statement timeout for the statistics queries
def portfolio_report(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    municipality = _municipality(request, EXPORT_REGISTER)
    period, _error = _period(request)
    with translation.override("sv"):  # the committee's reports are Swedish documents
        content = report.build(None, municipality, period, fmt)
    return _report_response(content, fmt, f"portfoljrapport-{period.label}")


@login_required
def reminders(request):
    municipality = _municipality(request)
    return render(request, "followup/reminders.html", {
        "nav": "followup",
        "reminders": dialogue.reminders_for(municipality, dt.date.today()),
    })


class MeetingForm(forms.ModelForm):
    class Meta:
        model = DialogueMeeting
        fields = ["date", "status", "participants", "topic_participants", "topic_flow",
                  "topic_next_steps", "topic_development", "minutes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


@login_required
def meeting_create(request, pk):
    item = _partnership(request, pk, EDIT_REGISTER)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dialogue.save_meeting(request.user, item, form.instance)
        return redirect("followup:partnership", pk=item.pk)
    return render(request, "followup/meeting_form.html",
                  {"nav": "followup", "partnership": item, "form": form})
