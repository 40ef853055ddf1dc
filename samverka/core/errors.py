"""The site's own error pages (issue 15): Swedish, with the site's navigation.

403 and 404 render through base.html with the menu. 500 must render even when the database or the
signed-in user cannot be read (the error may be exactly that), so it renders a self-contained
template without context processors: a fixed navigation of links that need no lookup.
"""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from samverka.core.params import bad_request  # noqa: F401  (handler400, re-exported)

log = logging.getLogger(__name__)


def permission_denied(request, exception=None):
    """handler403: the Swedish page saying the user may not see this, with navigation."""
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    """handler404: the Swedish 'page not found' with navigation."""
    return render(request, "404.html", status=404)


def server_error(request):
    """handler500: rendered without context processors, so no database or user is needed."""
    try:
        body = loader.get_template("500.html").render({})
    except Exception:  # the template itself failed: plain Swedish text
        log.exception("500-sidan kunde inte visas")
        body = ("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Tekniskt fel"
                "</title></head><body><h1>Tekniskt fel</h1><p>Något gick fel. Försök igen om en "
                "stund.</p><p><a href=\"/\">Till startsidan</a></p></body></html>")
    return HttpResponseServerError(body)
