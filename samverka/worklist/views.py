"""The start page: each role's worklist, its items linking to where the work is done."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.participants.accesslog import Purpose, guarded
from samverka.participants.worklist import worklist_for

from . import overview

NAV = "start"


@guarded(purpose=Purpose.CASEWORK, nav=NAV)
def start(request):
    """The signed-in user's start page. Partner staff and case workers see persons (logged
    once per response by participants.worklist); officers, administrators and the committee
    see register items and published figures only."""
    kind = policy.worklist_kind(request.user)
    today = timezone.localdate()
    context = {"nav": NAV, "kind": kind, "today": today}
    if kind in ("partner", "case_worker"):
        worklist = worklist_for(request.user, today)
        context.update(worklist=worklist, sections=worklist.sections)
    elif kind in ("officer", "municipality"):
        context.update(overview.officer(request.user, today, everyone=kind == "municipality"))
    elif kind == "committee":
        data = overview.committee(request.user, today)
        data["charts"] = [mark_safe(chart) for chart in data["charts"]]
        context.update(data)
    context["title"] = _("Att göra") if kind != "committee" else _("Portföljen i korthet")
    return render(request, "worklist/start.html", context)
