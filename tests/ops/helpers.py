"""Capturing what the configured log handler writes (the real formatter and filters)."""

import io
import logging
from contextlib import contextmanager

from samverka.ops.logs import JsonFormatter


@contextmanager
def captured_log():
    """Redirect the root logger's JSON handler into a buffer; yields the buffer."""
    buffer = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert handlers, "the LOGGING setting configures a JSON handler on the root logger"
    previous = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
