"""Uploaded Office files (DOCX, XLSX: zip archives) checked before anything unpacks them.

A 78 KB DOCX can expand to 40 MB of XML and take a parser minutes and half a gigabyte. The check
reads only the archive's central directory (zipfile.infolist, no decompression) and refuses an
archive with too many entries, too much content once unpacked, or content packed more tightly
than documents are. The sizes in the directory can be trusted as upper bounds: Python's zipfile,
which python-docx and openpyxl read through, never returns more bytes than an entry declares.

Usable without Django settings (the `extract` command): messages are then Swedish.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 100  # unpacked size / packed size, for the archive and for each large entry
LARGE_ENTRY = 1024 * 1024  # a smaller entry may be packed as tightly as it likes

ZIP_MAGIC = b"PK\x03\x04"


class UnsafeArchive(ValueError):
    """The archive may not be unpacked. str() is the message for the user: Swedish, or the
    active language's when Django is configured (as PeriodError in followup.periods)."""

    def __init__(self, reason: str, **params: object):
        super().__init__(reason % params)
        self.reason = reason
        self.params = params

    def __str__(self) -> str:
        translate = gettext if settings.configured else (lambda text: text)
        return translate(MESSAGE) % {"reason": translate(self.reason) % self.params}


MESSAGE = gettext_noop("Filen kan inte läsas in: %(reason)s Spara dokumentet på nytt i Word "
                       "eller Excel och försök igen, eller kontakta systemförvaltningen.")
TOO_TIGHT = gettext_noop("innehållet är packat ovanligt hårt, som i en så kallad zip-bomb.")


def check_archive(source) -> None:
    """Raise UnsafeArchive unless SOURCE (bytes or a seekable binary file) is within the limits.
    Only zip archives are checked; anything else, or a broken archive, is left to the format
    checks that follow."""
    data = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    start = data.tell()
    try:
        if data.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
            return
        data.seek(start)
        with zipfile.ZipFile(data) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    finally:
        data.seek(start)
    check_entries(entries)


def check_entries(entries) -> None:
    """Refuse too many ENTRIES, too much unpacked content, or content packed too tightly."""
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive(gettext_noop("den innehåller fler än %(count)s delar."),
                            count=MAX_ENTRIES)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > MAX_UNCOMPRESSED:
        raise UnsafeArchive(gettext_noop("innehållet blir större än %(mb)s MB när det packas "
                                         "upp."), mb=MAX_UNCOMPRESSED // (1024 * 1024))
    if _too_tight(unpacked, packed) or any(
            _too_tight(entry.file_size, entry.compress_size) for entry in entries):
        raise UnsafeArchive(TOO_TIGHT)


def _too_tight(unpacked: int, packed: int) -> bool:
    return unpacked > LARGE_ENTRY and unpacked > MAX_RATIO * max(packed, 1)


# --- Attachments: files kept as they are (signed agreements, decision extracts, minutes) -------

ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024  # under the request body limit (core/bodylimit.py)
# extension -> (content type, how the file must begin)
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             (ZIP_MAGIC,)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP_MAGIC,)),
    "odt": ("application/vnd.oasis.opendocument.text", (ZIP_MAGIC,)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def check_attachment(name: str, data: bytes) -> str:
    """The content type of an attachment called NAME with content DATA; ValueError with the
    user's (Swedish) message when it is empty, too big, of a kind not kept, not what its name
    says, or an archive that may not be unpacked."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data:
        raise ValueError(gettext("Filen är tom."))
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ValueError(gettext("Filen är större än %(mb)s MB.")
                         % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)})
    if extension not in ATTACHMENT_TYPES:
        raise ValueError(gettext("Bara PDF, Word (docx), Excel (xlsx), OpenDocument (odt), PNG "
                                 "och JPEG kan bifogas."))
    content_type, magic = ATTACHMENT_TYPES[extension]
    if not data.startswith(magic):
        raise ValueError(gettext("Filens innehåll stämmer inte med filnamnet (.%(ext)s).")
                         % {"ext": extension})
    try:
        check_archive(data)
    except UnsafeArchive as error:
        raise ValueError(str(error)) from error
    return content_type
