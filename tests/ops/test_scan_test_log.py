""".ci/scan-test-log: what it finds in the log of a test run, and what it lets through.

The script runs as CI runs it (a subprocess on a directory laid out as tests/logscan.py leaves
it). Findings are reported by file, line and test, never by the personal data found.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "scan-test-log"
REQUEST = {"level": "INFO", "logger": "samverka.requests", "message": "GET /deltagare/12/ 200",
           "path": "/deltagare/12/", "status": 200, "duration_ms": 12.5, "user_id": 3,
           "test": "tests/x.py::test_a"}


def scan(tmp_path, *messages, participants=()):
    lines = [REQUEST] + [dict(REQUEST, message=message, test="tests/x.py::test_leak")
                         for message in messages]
    (tmp_path / "test-run-gw0.log").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "participants-gw0.txt").write_text("".join(
        json.dumps(person, ensure_ascii=False) + "\n" for person in participants),
        encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True,
                          text=True, timeout=60)


def test_a_clean_log_passes(tmp_path):
    result = scan(tmp_path, "Action participant.update on 42 by 3", "GET /uppfoljning/ 200 "
                  "in 1234567890 µs", "ordernummer 811218-9875")  # 9875: wrong check digit
    assert result.returncode == 0, result.stdout
    assert "LOGGSKANNING OK: 4 loggrader" in result.stdout


@pytest.mark.parametrize("message", [
    "registrerade 811218-9876", "registrerade 8112189876", "registrerade 19811218-9876",
    "samordningsnummer 701063-2391",
])
def test_a_valid_personnummer_fails_the_scan(tmp_path, message):
    result = scan(tmp_path, message)
    assert result.returncode == 1
    assert "test-run-gw0.log:2: personnummer (tests/x.py::test_leak)" in result.stdout
    assert message.split()[-1] not in result.stdout


@pytest.mark.parametrize("message", ["sökte på Exempelsson", "Sara Provsson ändrad",
                                     "sökte på P%C3%A5hittad"])
def test_a_demo_participant_name_fails_the_scan(tmp_path, message):
    result = scan(tmp_path, message)
    assert result.returncode == 1
    assert "deltagarnamn" in result.stdout


def test_a_name_and_number_a_test_gave_a_participant_fail_the_scan(tmp_path):
    person = {"first": "Greta", "last": "Garbo", "number": "190001011234"}  # invalid on purpose
    assert scan(tmp_path, "Greta Garbo", participants=[person]).returncode == 1
    result = scan(tmp_path, "nummer 19000101-1234", participants=[person])
    assert result.returncode == 1 and "ett tests personnummer" in result.stdout
    # A surname alone of a test's participant is not searched (it may be an ordinary word).
    assert scan(tmp_path, "Garbo", participants=[person]).returncode == 0


def test_a_missing_or_empty_capture_fails_the_scan(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "ingen logg" in result.stdout
    (tmp_path / "test-run-gw0.log").write_text("{}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "inga anropsrader" in result.stdout
