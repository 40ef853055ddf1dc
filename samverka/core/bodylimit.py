"""Refuse a request whose declared body is too big before anything reads the body (413).

Django's DATA_UPLOAD_MAX_MEMORY_SIZE applies only when request.POST or request.body is read, and
not to uploaded files, which are streamed to disk whatever their size. This middleware looks at
CONTENT_LENGTH alone, so a 50 MB upload is refused without reading one byte of it.
"""

from django.conf import settings
from django.shortcuts import render

from .params import bad_request_response

DEFAULT_LIMIT = 10 * 1024 * 1024


def body_limit() -> int:
    return getattr(settings, "REQUEST_BODY_MAX_BYTES", DEFAULT_LIMIT)


def declared_length(request) -> int:
    """CONTENT_LENGTH as a number; 0 when absent; -1 when it is no number (refused too)."""
    text = request.META.get("CONTENT_LENGTH") or "0"
    try:
        return int(text)
    except ValueError:
        return -1


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        limit = body_limit()
        if length < 0:
            return bad_request_response(request)
        if length > limit:
            return render(request, "413.html",
                          {"limit_mb": max(1, limit // (1024 * 1024))}, status=413)
        return self.get_response(request)
