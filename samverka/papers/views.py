from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samverka.accounts import policy

from . import accessibility, record


@require_safe
def accessibility_statement(request):
    """Public: the accessibility statement, linked from every page's footer."""
    return render(request, "papers/accessibility.html", accessibility.context(request))


def _require_record(request):
    if not policy.may_view_processing_record(request.user):
        raise PermissionDenied


@require_safe
@login_required
def processing_record(request):
    _require_record(request)
    return render(request, "papers/processing_record.html", record.context())


@require_safe
@login_required
def processing_record_markdown(request):
    _require_record(request)
    response = HttpResponse(record.markdown(), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="behandlingsregister.md"'
    return response
