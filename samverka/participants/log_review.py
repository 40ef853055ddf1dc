"""Reviewing the access log (issue 15): local time, role names, a date range, paging and export.

Reviewing reads personal data (who looked at whom), so each page shown and each export writes one
access-log entry of its own; the export's entry has the action "Export". Times are shown in the
municipality's time zone (Europe/Stockholm), the range is in local calendar days.
"""

import datetime as dt
import io
import zoneinfo

from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.accounts import policy
from samverka.accounts.models import role_label
from samverka.core import params, spreadsheet

from . import accesslog
from .accesslog import Purpose, guarded
from .forms import LogFilterForm
from .models import AccessLogEntry

Action = AccessLogEntry.Action
LOCAL = zoneinfo.ZoneInfo("Europe/Stockholm")
PER_PAGE = 100
EXPORT_LIMIT = 50_000


def role_name(code: str) -> str:
    """The Swedish name of a role code ("system" for the scheduled jobs)."""
    return role_label(code) or (_("System") if code == "system" else code)


def object_name(object_type: str) -> str:
    """'participants.referral' as the model's own name, 'Anvisning'."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


def field_names(object_type: str, fields: list) -> str:
    """The changed fields by their Swedish labels."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        model = None
    shown = []
    for name in fields or []:
        try:
            shown.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except Exception:  # a field since removed: its name as stored
            shown.append(name)
    return ", ".join(shown)


def local_time(at) -> dt.datetime:
    return timezone.localtime(at, LOCAL)


def _filtered(user, filters: dict):
    """(entries, the participant looked up or None) of USER's municipality matching FILTERS."""
    municipality_id = policy.profile_of(user).municipality_id
    entries = AccessLogEntry.objects.filter(municipality_id=municipality_id)
    participant = None
    if filters.get("username"):
        entries = entries.filter(username__iexact=filters["username"].strip())
    if filters.get("participant"):
        from .models import Participant

        entries = entries.filter(participant_id=filters["participant"])
        participant = Participant.objects.filter(
            pk=filters["participant"], municipality_id=municipality_id).first()
    if filters.get("outside"):
        entries = entries.filter(within_own_scope=False, participant__isnull=False)
    if filters.get("date_from"):
        start = dt.datetime.combine(filters["date_from"], dt.time.min, LOCAL)
        entries = entries.filter(at__gte=start)
    if filters.get("date_to"):
        end = dt.datetime.combine(filters["date_to"] + dt.timedelta(days=1), dt.time.min, LOCAL)
        entries = entries.filter(at__lt=end)
    return entries, participant


def _require(user, action):
    if not policy.can(user, policy.REVIEW_ACCESS_LOG):
        accesslog.write(user, action, Purpose.LOG_REVIEW, outcome=accesslog.DENIED,
                        detail={"kind": "access_log"})
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


def _log(user, action, participant, filters, shown, **extra):
    accesslog.write(user, action, Purpose.LOG_REVIEW, participant=participant, detail={
        "kind": "access_log", "count": len(shown),
        "filters": sorted(name for name, value in filters.items() if value),
        "participant_ids": sorted({e.participant_id for e in shown if e.participant_id}),
        **extra,
    })


def page_of_log(user, filters: dict, page_number):
    """One page of the matching entries (newest first); logged once after the read."""
    _require(user, Action.LIST)
    entries, participant = _filtered(user, filters)
    page = Paginator(entries, PER_PAGE).get_page(page_number)
    shown = list(page.object_list)
    _log(user, Action.LIST, participant, filters, shown, page=page.number)
    return page, shown


def export_rows(user, filters: dict) -> tuple[list[str], list[list]]:
    """Header and rows of every matching entry (up to EXPORT_LIMIT); the export is logged."""
    _require(user, Action.EXPORT)
    entries, participant = _filtered(user, filters)
    shown = list(entries[:EXPORT_LIMIT])
    _log(user, Action.EXPORT, participant, filters, shown)
    header = [_("Tid"), _("Användare"), _("Organisation"), _("Enhet"), _("Roll"),
              _("Deltagare (id)"), _("Åtgärd"), _("Objekt"), _("Ändrade fält"), _("Ändamål"),
              _("Utfall"), _("Inom egen enhet")]
    rows = [[
        local_time(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.username, e.organisation_name,
        e.referring_unit_name, role_name(e.role), e.participant_id or "",
        e.get_action_display(), f"{object_name(e.object_type)} {e.object_id}".strip(),
        field_names(e.object_type, e.changed_fields), e.purpose, e.get_outcome_display(),
        _("Ja") if e.within_own_scope else _("Nej"),
    ] for e in shown]
    return header, rows


def _filters(request):
    form = LogFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@guarded(purpose=Purpose.LOG_REVIEW)
@require_http_methods(["GET"])
def access_log(request):
    form, filters = _filters(request)
    page_number = params.get_int(request, "page", default=1, minimum=1)
    page, shown = page_of_log(request.user, filters, page_number)
    rows = [{
        "entry": e, "at": local_time(e.at), "role": role_name(e.role),
        "object": f"{object_name(e.object_type)} {e.object_id}".strip(),
        "fields": field_names(e.object_type, e.changed_fields),
    } for e in shown]
    return render(request, "participants/access_log.html", {
        "nav": "participants", "form": form, "entries": shown, "rows": rows, "page_obj": page,
        "query": _query_without_page(request),
    })


@guarded(purpose=Purpose.LOG_REVIEW)
@require_http_methods(["GET"])
def access_log_export(request):
    _form, filters = _filters(request)
    fmt = params.get_choice(request, "format", ("csv", "xlsx"), "csv")
    header, rows = export_rows(request.user, filters)
    today = timezone.localdate()
    title = _("Åtkomstlogg, uttagen %(date)s") % {"date": today.isoformat()}
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Åtkomstlogg")
        spreadsheet.write_sheet(sheet, title, header, rows, [None] * len(header))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(spreadsheet.csv_text(title, header, rows),
                                content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="atkomstlogg-{today}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
