"""A DOCX that unpacks to tens of megabytes is refused before anything unpacks it: on the upload
form's file field, in the import view and in `samverka extract`, fast and in little memory."""

import io
import time
import tracemalloc
import zipfile
from types import SimpleNamespace

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samverka.core import uploads
from samverka.documents.extraction import ExtractionError, extract_bytes
from samverka.documents.forms import MemoUploadForm

BOMB_MB = 40


def _memo_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Tjänsteskrivelse", 1)
    document.add_paragraph("Diarienummer AN 2024-1. Förslag till beslut: att godkänna.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bomb_docx() -> bytes:
    """A real DOCX whose word/document.xml ends in 40 MB of whitespace (legal after the root
    element): under 100 KB packed."""
    source = zipfile.ZipFile(io.BytesIO(_memo_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content += b" " * (BOMB_MB * 1024 * 1024)
            bomb.writestr(item.filename, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    data = _bomb_docx()
    assert len(data) < 100 * 1024
    return data


def test_the_upload_form_refuses_the_bomb_fast_and_in_little_memory(bomb):
    upload = SimpleUploadedFile("bomb.docx", bomb)
    tracemalloc.start()
    started = time.monotonic()
    form = MemoUploadForm(data={}, files={"memo": upload})
    valid = form.is_valid()
    elapsed = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not valid
    assert "zip-bomb" in " ".join(form.errors["memo"])
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_a_real_memo_passes_the_form(db):
    form = MemoUploadForm(data={}, files={"memo": SimpleUploadedFile("memo.docx", _memo_docx())})
    assert form.is_valid(), form.errors


def test_the_import_view_shows_the_message_on_the_file_field(world, login, bomb):
    client = login(world.users["officer"])
    started = time.monotonic()
    response = client.post(reverse("documents:upload"),
                           {"memo": SimpleUploadedFile("bomb.docx", bomb)})
    assert time.monotonic() - started < 10  # it took 47 s before
    assert response.status_code == 400
    assert "zip-bomb" in " ".join(response.context["form"].errors["memo"])
    assert "Filen kan inte läsas in" in response.content.decode()


def test_the_extraction_refuses_the_bomb_too(bomb):
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="zip-bomb"):
        extract_bytes(bomb, name="bomb.docx")
    assert time.monotonic() - started < 1.0


def test_the_extract_command_refuses_the_bomb(bomb, tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    stderr = io.StringIO()
    started = time.monotonic()
    with pytest.raises(SystemExit) as exit_:
        call_command("extract", str(path), stderr=stderr)
    assert exit_.value.code == 1
    assert "zip-bomb" in stderr.getvalue()
    assert time.monotonic() - started < 1.0


def _entry(file_size, compress_size):
    return SimpleNamespace(file_size=file_size, compress_size=compress_size)


@pytest.mark.parametrize("entries, reason", [
    ([_entry(10, 10)] * (uploads.MAX_ENTRIES + 1), "fler än 2000 delar"),
    ([_entry(30 * 1024 * 1024, 20 * 1024 * 1024)] * 2, "större än 50 MB"),
    ([_entry(5 * 1024 * 1024, 40 * 1024)], "zip-bomb"),
    ([_entry(5 * 1024 * 1024, 40 * 1024), _entry(100, 4 * 1024 * 1024)], "zip-bomb"),
])
def test_limits(entries, reason):
    with pytest.raises(uploads.UnsafeArchive, match=reason):
        uploads.check_entries(entries)


def test_within_the_limits():
    uploads.check_entries([_entry(2 * 1024 * 1024, 200 * 1024), _entry(900 * 1024, 1024)])
    uploads.check_archive(b"%PDF-1.7 not a zip at all")
    uploads.check_archive(b"PK\x03\x04 broken")
