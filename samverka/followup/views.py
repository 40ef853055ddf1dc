"""Follow-up pages: portfolio dashboard, a partnership's follow-up, reports, dialogue meetings."""


from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samverka.accounts.policy import (
    EDIT_REGISTER,
    EXPORT_REGISTER,
    VIEW_REGISTER,
    can,
    may_choose_any_period,
    require,
)
from samverka.core import params
from samverka.core.conflicts import conflict_rows
from samverka.ops.timeouts import statistics_view
from samverka.partnerships.models import AgreementVersion, Partnership

from . import charts, dialogue, exports, publication, report, snapshots
from .meeting_views import apply_errors, meetings_url
from .models import DialogueMeeting
from .periods import (
    Period,
    PeriodError,
    parse_period,
    published,
    published_choice,
    standard,
    year_period,
)

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _period(request, strict=False, partnership=None):
    """The period asked for and a message when it could not be read. A page shows the message
    over the current year; an export (STRICT) refuses with the 400 page instead of silently
    exporting another period. Years outside 1990–2100 or huge ranges: 400 for both.
    A role that sees only published figures gets standard periods (policy.may_choose_any_period):
    an arbitrary range falls back to its calendar year on a page, and is refused in an export."""
    text = params.get_text(request, "period") or str(timezone.localdate().year)
    try:
        period = parse_period(text)
    except PeriodError as error:
        if strict:
            raise params.BadParameter("period", str(error)) from error
        return year_period(timezone.localdate().year), str(error)
    params.check_date_range("period", period.start, period.end)
    return _standard_unless_allowed(request, period, strict, partnership)


def _standard_unless_allowed(request, period, strict, partnership):
    municipality_id = getattr(getattr(request.user, "profile", None), "municipality_id", None)
    if may_choose_any_period(request.user, municipality_id, partnership):
        return standard(period) or period, None
    if published(period):
        return published(period), None
    message = _("Siffror för den perioden visas bara för den som får se deltagaruppgifter.") \
        + " " + published_choice()
    if strict:
        raise params.BadParameter("period", message)
    fallback = year_period(period.start.year)
    return fallback, message + " " + _("Visar %(label)s.") % {"label": fallback.label}


def _period_help(request, partnership=None) -> str:
    """The periods the user may ask for, under the period field."""
    municipality_id = getattr(getattr(request.user, "profile", None), "municipality_id", None)
    if may_choose_any_period(request.user, municipality_id, partnership):
        return _("t.ex. 2024, 2024-H1, 2024-Q3, 2024-05 eller 2024-01-01..2024-06-30")
    return published_choice()


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


def _year_to_date(user, municipality) -> Period:
    """The reminders' occupancy period: the year so far, or for a role that sees only published
    figures the calendar year (a range ending today changes daily and could be differenced)."""
    today = timezone.localdate()
    if not may_choose_any_period(user, municipality.pk):
        return year_period(today.year)
    return Period(year_period(today.year).start, today, f"{today.year} hittills")


def _page_number(request) -> int:
    return params.get_page(request, "page")


@login_required
@statistics_view  # statement timeout for the statistics queries
def dashboard(request):
    municipality = _municipality(request)
    period, error = _period(request)
    filters = {"form": params.get_text(request, "form"),
               "status": params.get_text(request, "status"),
               "under": params.get_text(request, "under") == "1",
               "q": params.get_text(request, "q")}
    data = dashboard_data(municipality, period, **filters,
                          live=params.get_text(request, "refresh") == "1")
    page = Paginator(data["partnerships"], PAGE_SIZE).get_page(_page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("refresh", None)
    total = data["total"]
    chart = charts.bar_chart_svg(
        _("Beläggningsgrad per månad %(period)s, hela portföljen") % {"period": period.label},
        [(charts.month_label(m["month"]), m["rate_percent"])
         for m in total["occupancy"]["months"]], " %", 100)
    ytd = _year_to_date(request.user, municipality)
    ytd_data, _ytd_at = snapshots.dashboard(municipality, ytd)
    occupancy = {item["id"]: item["occupancy"] for item in ytd_data["partnerships"]}
    status_labels = dict(AgreementVersion.Status.choices)
    for item in page:
        item["status_label"] = status_labels.get(item["status_key"], item["status"])
    return render(request, "followup/dashboard.html", {
        "nav": "followup", "period": period, "period_error": error, "data": data,
        "period_help": _period_help(request), "page": page, "query": query.urlencode(),
        "max_age_minutes": snapshots.max_age_seconds() // 60, "total": total,
        "chart": mark_safe(chart), "filters": filters,
        "forms": Partnership.Form.choices, "statuses": AgreementVersion.Status.choices,
        "reminders": dialogue.reminders_for(municipality, timezone.localdate(),
                                            occupancy=occupancy)[:10],
    })


@login_required
@statistics_view  # statement timeout for the statistics queries
def dashboard_xlsx(request):
    municipality = _municipality(request, EXPORT_REGISTER)
    period, _error = _period(request, strict=True)
    data = dashboard_data(municipality, period, live=True)
    response = HttpResponse(exports.dashboard_xlsx(data, period, municipality.name),
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
    period, error = _period(request, partnership=item)
    data = publication.partnership(item, period)
    months = data["occupancy"]["months"]
    occupancy_chart = charts.bar_chart_svg(
        _("Beläggningsgrad per månad %(period)s") % {"period": period.label},
        [(charts.month_label(m["month"]), m["rate_percent"]) for m in months], " %", 100)
    outcome_chart = charts.bar_chart_svg(
        _("Avslut efter utfall %(period)s") % {"period": period.label},
        [(o["label"], o["count"]) for o in data["outcomes"]["by_outcome"]])
    meetings = item.dialogue_meetings.order_by("date")
    return render(request, "followup/partnership.html", {
        "nav": "followup", "partnership": item, "period": period, "period_error": error,
        "period_help": _period_help(request, item), "data": data,
        "occupancy_chart": mark_safe(occupancy_chart),
        "outcome_chart": mark_safe(outcome_chart), "meetings": meetings,
        "meeting_years": dialogue.meeting_years(item, meetings, period),
        "can_edit": can(request.user, EDIT_REGISTER, item.municipality_id),
        "agreement": item.latest_version,
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
    period, _error = _period(request, strict=True, partnership=item)
    with translation.override("sv"):  # the committee's reports are Swedish documents
        content = report.build(item, item.municipality, period, fmt,
                               officer=request.user.get_full_name())
    return _report_response(content, fmt, f"arsrapport-{item.pk}-{period.label}")


@login_required
@statistics_view  # statement timeout for the statistics queries
def portfolio_report(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    municipality = _municipality(request, EXPORT_REGISTER)
    period, _error = _period(request, strict=True)
    with translation.override("sv"):  # the committee's reports are Swedish documents
        content = report.build(None, municipality, period, fmt,
                               officer=request.user.get_full_name())
    return _report_response(content, fmt, f"portfoljrapport-{period.label}")


@login_required
def reminders(request):
    municipality = _municipality(request)
    return render(request, "followup/reminders.html", {
        "nav": "followup",
        "reminders": dialogue.reminders_for(municipality, timezone.localdate()),
    })


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DialogueMeeting
        fields = list(dialogue.MEETING_FIELDS)
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "minutes": forms.Textarea(attrs={"rows": 5}),
                   "participants": forms.Textarea(attrs={"rows": 2})}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in dialogue.MEETING_FIELDS}


@login_required
def meeting_create(request, pk):
    item = _partnership(request, pk, EDIT_REGISTER)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue.create_meeting(request.user, item.pk, **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dialogmötet är sparat."))
            return redirect(meetings_url(item))
    return render(request, "followup/meeting_form.html",
                  {"nav": "followup", "partnership": item, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
def meeting_edit(request, pk, meeting_pk):
    item = _partnership(request, pk, EDIT_REGISTER)
    meeting = get_object_or_404(DialogueMeeting, pk=meeting_pk, partnership=item)
    form = MeetingForm(request.POST or None, instance=meeting,
                       initial={"version": meeting.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            dialogue.update_meeting(request.user, meeting.pk, form.cleaned_data["version"] or 0,
                                    **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        except dialogue.MeetingConflict as error:
            conflict = conflict_rows(form.fields, form.cleaned_data, {
                name: getattr(error.current, name) for name in dialogue.MEETING_FIELDS})
            form.add_error(None, _(
                "Någon annan sparade dialogmötet medan du redigerade det. Dina ändringar är inte "
                "sparade men finns kvar i formuläret; jämför med de sparade uppgifterna nedan och "
                "spara igen."))
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        else:
            messages.success(request, _("Dialogmötet är sparat."))
            return redirect(meetings_url(item))
    status = 409 if conflict else 400 if form.is_bound else 200
    return render(request, "followup/meeting_form.html", {
        "nav": "followup", "partnership": item, "form": form, "meeting": meeting,
        "conflict": conflict,
    }, status=status)
