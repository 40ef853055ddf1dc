"""Structured logs: JSON lines on stdout, scrubbed of personnummer and database row details.

Three kinds of events reach the log: requests (RequestLogMiddleware, logger `samverka.requests`),
actions (samverka.audit.actions.record, logger `samverka.actions`) and failures (Django's
`django.request` logger with the traceback). None of them carries names, search terms or
personnummer: requests are logged without the query string, actions by ids only, and every
message and traceback passes ScrubPersonalData before it is written.
"""

import json
import logging
import re
import time

from django.utils import timezone

# 10 or 12 digits with an optional - or + before the last four: YYMMDD-NNNN, YYYYMMDDNNNN, …
PERSONNUMMER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")
# PostgreSQL's "DETAIL:  Key (column)=(value) already exists." repeats the offending row's values.
DETAIL_LINE = re.compile(r"^\s*DETAIL:.*$", re.MULTILINE)
KEY_VALUES = re.compile(r"Key \([^)]*\)=\([^)]*\)")
MASK = "[maskerat]"

request_logger = logging.getLogger("samverka.requests")


def scrub(text: str) -> str:
    """TEXT without personnummer-like digit runs and database DETAIL lines."""
    text = DETAIL_LINE.sub("DETAIL: " + MASK, text)
    text = KEY_VALUES.sub("Key " + MASK, text)
    return PERSONNUMMER.sub(MASK, text)


class ScrubPersonalData(logging.Filter):
    """Mask personnummer and DB row details in the message and the traceback of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


# Attributes every LogRecord has; anything else was passed with extra= and goes into the line.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Django's request logger passes the request object itself; it is never written out.
_NEVER = {"request", "status_code"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extras, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": timezone.now().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in _STANDARD or key in _NEVER or key.startswith("_"):
                continue
            line[key] = scrub(value) if isinstance(value, str) else _plain(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = scrub(self.formatException(record.exc_info))
        if record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def _plain(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    return scrub(str(value))


class RequestLogMiddleware:
    """Log every request: method, path (no query string), status, duration in ms, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s", request.method, request.path, status,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )


def logging_config(level: str = "INFO", fmt: str = "json") -> dict:
    """The LOGGING setting: everything to stdout, as JSON lines unless FMT is "text"."""
    formatter = {"()": JsonFormatter} if fmt == "json" else {
        "format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": ScrubPersonalData}},
        "formatters": {"main": formatter},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                                "formatter": "main", "filters": ["scrub"]}},
        "root": {"handlers": ["stdout"], "level": "WARNING"},
        "loggers": {
            "samverka": {"level": level},
            "django.request": {"level": "ERROR"},
        },
    }
