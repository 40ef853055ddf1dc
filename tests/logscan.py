"""The log of the whole test run, kept on disk for `.ci/scan-test-log` (issue 16, item 4).

Every log record that reaches the root logger during the run (requests, actions, failures with
their tracebacks: what the app writes to stdout in production) is also written, through the
project's scrub filter and JSON formatter, to test-logs/test-run-<worker>.log. Each line carries
the id of the test that was running. Beside it, test-logs/participants-<worker>.txt lists the
name and personnummer of every participant the tests save, so that the scan can look for them as
well as for the demo's invented names. `.ci/scan-test-log` reads both after `make test`.

SAMVERKA_TEST_LOG_DIR moves the directory. The directory is emptied when a run starts (by the
controlling process only, under pytest-xdist).
"""

import json
import logging
import os
from pathlib import Path

import pytest

from samverka.ops.logs import JsonFormatter, ScrubPersonalData

LOG_DIR = Path(os.environ.get("SAMVERKA_TEST_LOG_DIR")
               or Path(__file__).resolve().parent.parent / "test-logs")
_current_test = {"id": ""}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


class TestRunFormatter(logging.Formatter):
    """The production JSON line plus the id of the running test.

    Not a JsonFormatter subclass on purpose: tests/ops/helpers.captured_log redirects every
    handler with a JsonFormatter into its buffer, and this file must keep receiving records.
    """

    def __init__(self):
        super().__init__()
        self.json = JsonFormatter()

    def format(self, record: logging.LogRecord) -> str:
        line = json.loads(self.json.format(record))
        line["test"] = _current_test["id"]
        return json.dumps(line, ensure_ascii=False)


def _file_handler() -> logging.Handler:
    handler = logging.FileHandler(LOG_DIR / f"test-run-{_worker()}.log", encoding="utf-8")
    handler.addFilter(ScrubPersonalData())
    handler.setFormatter(TestRunFormatter())
    return handler


def _participant_recorder(names_file):
    def record(sender, instance, **kwargs):
        names_file.write(json.dumps({
            "first": instance.first_name or "", "last": instance.last_name or "",
            "number": instance.personal_number or "",
        }, ensure_ascii=False) + "\n")
        names_file.flush()

    return record


def pytest_configure(config):
    if hasattr(config, "workerinput"):  # an xdist worker: the controller has emptied the dir
        return
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in list(LOG_DIR.glob("test-run-*.log")) + list(LOG_DIR.glob("participants-*.txt")):
        old.unlink()


@pytest.fixture(scope="session", autouse=True)
def _test_run_log():
    from django.db.models.signals import post_save

    from samverka.participants.models import Participant

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    handler = _file_handler()
    names_file = open(LOG_DIR / f"participants-{_worker()}.txt", "a", encoding="utf-8")  # noqa: SIM115
    recorder = _participant_recorder(names_file)
    post_save.connect(recorder, sender=Participant, weak=False,
                      dispatch_uid="tests.logscan.participants")
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    post_save.disconnect(sender=Participant, dispatch_uid="tests.logscan.participants")
    handler.close()
    names_file.close()


@pytest.fixture(autouse=True)
def _test_run_log_per_test(request, _test_run_log):
    """Name the running test in each line; re-attach the handler if a test reset the logging."""
    root = logging.getLogger()
    if _test_run_log not in root.handlers:
        root.addHandler(_test_run_log)
    _current_test["id"] = request.node.nodeid
    yield
    if _test_run_log not in root.handlers:
        root.addHandler(_test_run_log)
    _current_test["id"] = ""
