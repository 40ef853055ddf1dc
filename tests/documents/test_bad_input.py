"""Bad input: a clear Swedish message, never a traceback, and fast."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from samverka.documents.extraction import ExtractionError, extract_bytes, extract_file

from .converters import blank_pdf, seed_path

ROOT = Path(__file__).resolve().parents[2]


def test_missing_file(tmp_path):
    with pytest.raises(ExtractionError, match="Filen finns inte"):
        extract_file(tmp_path / "saknas.txt")


def test_directory(tmp_path):
    with pytest.raises(ExtractionError, match="inte en fil"):
        extract_file(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n  \t "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "tom.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match="tom"):
        extract_file(path)


def test_pdf_without_text_layer():
    with pytest.raises(
        ExtractionError, match="PDF-filen saknar textlager – den verkar vara skannad"
    ):
        extract_bytes(blank_pdf())


def test_broken_pdf():
    with pytest.raises(ExtractionError, match="PDF-filen kunde inte läsas"):
        extract_bytes(b"%PDF-1.7\n" + os.urandom(2000))


def test_zip_that_is_not_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hej.txt", "hej")
    with pytest.raises(ExtractionError, match="inte ett Word-dokument"):
        extract_bytes(buf.getvalue())


def test_old_word_format():
    with pytest.raises(ExtractionError, match=r"\.doc"):
        extract_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_text_that_is_not_a_memo():
    text = "Inköpslista\n\nMjölk, bröd och ägg.\nGlöm inte kaffet.\n".encode()
    with pytest.raises(ExtractionError, match="inte vara en tjänsteskrivelse"):
        extract_bytes(text)


def test_small_random_bytes_are_binary():
    data = bytes(range(256)) * 400
    with pytest.raises(ExtractionError, match="binära data|teckenkodning"):
        extract_bytes(data)


def test_ten_megabytes_of_random_bytes_rejected_fast(tmp_path):
    path = tmp_path / "slump.txt"
    path.write_bytes(os.urandom(10 * 1024 * 1024))
    start = time.perf_counter()
    with pytest.raises(ExtractionError, match="för stor"):
        extract_file(path)
    assert time.perf_counter() - start < 0.5


def test_one_megabyte_of_random_bytes_rejected_fast(tmp_path):
    path = tmp_path / "slump.bin"
    path.write_bytes(os.urandom(1024 * 1024))
    start = time.perf_counter()
    with pytest.raises(ExtractionError, match="binära data|teckenkodning"):
        extract_file(path)
    assert time.perf_counter() - start < 0.5


def test_latin1_text_memo_is_read():
    text = seed_path("001").read_text(encoding="utf-8")
    result = extract_bytes(text.encode("cp1252", errors="replace"))
    assert result["fields"]["registry_number"]["value"] == "AN 2023-165"


# --- the management command ---------------------------------------------------------------


def test_command_json_one_file_is_an_object(capsys):
    call_command("extract", str(seed_path("001")), "--format", "json")
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["fields"]["registry_number"]["value"] == "AN 2023-165"
    assert "text" not in data


def test_command_json_several_files_is_a_list(capsys):
    import json

    call_command("extract", str(seed_path("000")), str(seed_path("004")))
    data = json.loads(capsys.readouterr().out)
    assert [d["fields"]["total_yearly_value"]["value"] for d in data] == [2368800, 664800]


def test_command_text_format_is_swedish(capsys):
    call_command("extract", str(seed_path("000")), "--format", "text")
    out = capsys.readouterr().out
    assert "Totalt värde per år: 2 368 800" in out
    assert "källa" in out


def test_command_bad_file_continues_with_the_others(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("extract", str(tmp_path / "saknas.pdf"), str(seed_path("002")))
    assert exc.value.code == 1
    captured = capsys.readouterr()
    assert "1 av 2 filer" in captured.err
    assert "Filen finns inte" in captured.err
    assert '"total_yearly_value"' in captured.out


def test_console_script_missing_file_exits_non_zero_without_traceback(tmp_path):
    script = Path(sys.executable).parent / "samverka"
    if not script.exists():
        pytest.skip("console script not installed")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    proc = subprocess.run(
        [str(script), "extract", str(tmp_path / "saknas.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "Filen finns inte" in proc.stderr
    assert "Traceback" not in proc.stderr
