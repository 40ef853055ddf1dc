"""Query parameters read and checked in one place: a bad value is a Swedish 400 page, never a 500.

Views read request.GET only through these functions. A value that cannot be used (not a number,
a number out of range or too big for a database id, a date range outside the years the register
covers) raises BadParameter, which BadParameterMiddleware answers with templates/400.html (the
site's navigation and a message saying which parameter was wrong). Messages and logs name the
parameter, never its value.
"""

import datetime as dt
import re

from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

MAX_DB_ID = 2**63 - 1  # the largest value of a BigAutoField (and of PostgreSQL's bigint)
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_PAGE = 100_000
MAX_RANGE_YEARS = 30  # a period of more than this many years is no follow-up period
MAX_TEXT = 200

_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")  # ASCII digits only: int() also accepts "٣"


class BadParameter(SuspiciousOperation):
    """A query parameter that cannot be used. MESSAGE is the Swedish text for the user."""

    def __init__(self, name: str, message: str):
        super().__init__(f"bad query parameter {name!r}")  # what a log line shows: no value
        self.name = name
        self.message = message


def get_text(request, name: str, default: str = "") -> str:
    """The stripped text of NAME, DEFAULT when absent; too long or with control characters: 400."""
    value = request.GET.get(name)
    if value is None:
        return default
    value = value.strip()
    if len(value) > MAX_TEXT or any(ord(char) < 32 for char in value):
        raise BadParameter(name, _("Värdet är för långt eller innehåller otillåtna tecken."))
    return value


def get_int(request, name: str, default=None, minimum=None, maximum=MAX_DB_ID):
    """The integer NAME (DEFAULT when absent or empty) within MINIMUM..MAXIMUM, else 400."""
    text = get_text(request, name)
    if text == "":
        return default
    if not _INTEGER.fullmatch(text):
        raise BadParameter(name, _("Ange ett heltal, till exempel 1."))
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise BadParameter(name, _("Talet är utanför det tillåtna intervallet."))
    return value


def get_page(request, name: str = "sida") -> int:
    """A page number, 1 when absent."""
    return get_int(request, name, default=1, minimum=1, maximum=MAX_PAGE)


def get_id(request, name: str):
    """A database id (1 .. 2^63 − 1), None when absent."""
    return get_int(request, name, default=None, minimum=1, maximum=MAX_DB_ID)


def get_year(request, name: str, default: int) -> int:
    """A calendar year between 1990 and 2100, DEFAULT when absent."""
    try:
        return get_int(request, name, default=default, minimum=MIN_YEAR, maximum=MAX_YEAR)
    except BadParameter as error:
        raise BadParameter(name, _("Ange ett år mellan %(min)s och %(max)s.")
                           % {"min": MIN_YEAR, "max": MAX_YEAR}) from error


def get_choice(request, name: str, choices, default=None):
    """NAME if it is one of CHOICES, else DEFAULT: an unknown filter value filters nothing."""
    value = get_text(request, name)
    return value if value in choices else default


def check_date_range(name: str, start: dt.date, end: dt.date) -> None:
    """Refuse a range outside 1990–2100 or longer than MAX_RANGE_YEARS years."""
    if start.year < MIN_YEAR or end.year > MAX_YEAR:
        raise BadParameter(name, _("Perioden måste ligga mellan %(min)s och %(max)s.")
                           % {"min": MIN_YEAR, "max": MAX_YEAR})
    if end.year - start.year >= MAX_RANGE_YEARS:
        raise BadParameter(name, _("Perioden får vara högst %(years)s år lång.")
                           % {"years": MAX_RANGE_YEARS})


def bad_request_response(request, message: str = ""):
    """The Swedish 400 page with the site's navigation."""
    return render(request, "400.html", {"message": message}, status=400)


def bad_request(request, exception=None):
    """handler400: every SuspiciousOperation Django itself raises gets the same page."""
    return bad_request_response(request, getattr(exception, "message", ""))


class BadParameterMiddleware:
    """Answer BadParameter with the 400 page; refuse path ids no database id can have (404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_DB_ID:
                raise Http404
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return bad_request_response(request, exception.message)
        return None
