"""Load a memo's text from .txt, .docx or .pdf, rejecting what is not a text document.

The format is decided by the file's content (magic bytes), not by its name. Errors are raised as
ExtractionError with a Swedish message meant for the user.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from samverka.core.uploads import UnsafeArchive, check_archive

MAX_BYTES = 8 * 1024 * 1024  # a memo is a few hundred kB at most, even with images


class ExtractionError(Exception):
    """A problem with the input, with a Swedish message for the user."""


def load_path(path: str | Path) -> tuple[str, str]:
    """Read a file and return (text, format) where format is "txt", "docx" or "pdf"."""
    p = Path(path)
    if not p.exists():
        raise ExtractionError(f"Filen finns inte: {p}")
    if not p.is_file():
        raise ExtractionError(f"Det är inte en fil: {p}")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ExtractionError(
            f"Filen är för stor ({size / 1024 / 1024:.1f} MB). En tjänsteskrivelse får vara högst "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"Filen kunde inte läsas: {p} ({exc.strerror})") from exc
    return load_bytes(data, name=p.name)


def load_bytes(data: bytes, name: str = "") -> tuple[str, str]:
    if len(data) > MAX_BYTES:
        raise ExtractionError(
            f"Filen är för stor ({len(data) / 1024 / 1024:.1f} MB). En tjänsteskrivelse får vara "
            f"högst {MAX_BYTES // 1024 // 1024} MB."
        )
    if not data.strip():
        raise ExtractionError("Filen är tom.")
    if data.startswith(b"%PDF"):
        text, fmt = _pdf_text(data), "pdf"
    elif data.startswith(b"PK\x03\x04"):
        text, fmt = _docx_text(data), "docx"
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(
            "Filen är i det gamla Word-formatet (.doc). Spara den som .docx eller PDF och försök "
            "igen."
        )
    else:
        text, fmt = _plain_text(data), "txt"
    if not text.strip():
        raise ExtractionError("Filen innehåller ingen text.")
    # Word and Samverka's own documents keep "2 368 800 kronor" on one line with no-break spaces.
    return text.replace("\u00a0", " ").replace("\u202f", " "), fmt


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise ExtractionError(
            "Filen verkar inte vara en textfil (den innehåller binära data). Använd .txt, .docx "
            "eller .pdf."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ExtractionError(
            "Filen verkar inte vara en textfil (okänd teckenkodning). "
            "Använd .txt, .docx eller .pdf."
        )
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(sample) // 200):
        raise ExtractionError(
            "Filen verkar inte vara en textfil (den innehåller binära data). Använd .txt, .docx "
            "eller .pdf."
        )
    return text


def _docx_text(data: bytes) -> str:
    try:
        import docx
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise ExtractionError("Stöd för Word-filer saknas (python-docx).") from exc
    try:
        check_archive(data)  # before anything unpacks it: no zip bombs
    except UnsafeArchive as exc:
        raise ExtractionError(str(exc)) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise ExtractionError(
                    "Zip-filen är inte ett Word-dokument (.docx). Använd .txt, .docx eller .pdf."
                )
        document = docx.Document(io.BytesIO(data))
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError("Word-filen kunde inte läsas; den verkar vara skadad.") from exc

    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            lines.extend(_table_lines(item))
        else:
            lines.append(item.text)
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    out = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # merged cell repeats
                continue
            previous = cell._tc
            cells.append(re.sub(r"\s+", " ", cell.text).strip())
        out.append("\t".join(cells))
    return out


def _pdf_text(data: bytes) -> str:
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise ExtractionError("Stöd för PDF-filer saknas (pypdf).") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ExtractionError("PDF-filen är lösenordsskyddad och kan inte läsas.")
            except ExtractionError:
                raise
            except Exception as exc:
                raise ExtractionError("PDF-filen är lösenordsskyddad och kan inte läsas.") from exc
        pages = [_page_text(page) for page in reader.pages]
    except ExtractionError:
        raise
    except (PdfReadError, Exception) as exc:
        raise ExtractionError("PDF-filen kunde inte läsas; den verkar vara skadad.") from exc
    text = "\n".join(pages)
    if not re.search(r"\w{2,}", text):
        raise ExtractionError(
            "PDF-filen saknar textlager – den verkar vara skannad. Kör textigenkänning (OCR) på "
            "den eller använd originalet i Word-format."
        )
    return text


def _page_text(page) -> str:
    """The page's text with table rows rebuilt: text drawn on the same baseline at clearly
    separate positions (a gap wider than about two characters) is joined with a tab."""
    chunks: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip("\n"):
            return
        scale = abs(cm[0]) if cm[0] else 1.0
        x = tm[4] * scale + cm[4]
        y = tm[5] * (abs(cm[3]) if cm[3] else 1.0) + cm[5]
        size = (font_size or 10) * (abs(tm[0]) or 1.0) * scale
        for i, part in enumerate(text.split("\n")):
            if part:
                chunks.append((round(y - i * size * 1.2, 1), x, size, part))

    try:
        plain = page.extract_text(visitor_text=visit) or ""
    except Exception:
        chunks.clear()
        plain = page.extract_text() or ""
    if not chunks or all(c[1] == 0 for c in chunks):
        return plain
    # Only use the rebuilt layout when it keeps the same characters as pypdf's own text.
    lines: list[list[tuple[float, float, float, str]]] = []
    for chunk in sorted(chunks, key=lambda c: (-c[0], c[1])):
        if lines and abs(lines[-1][0][0] - chunk[0]) <= max(1.0, chunk[2] * 0.3):
            lines[-1].append(chunk)
        else:
            lines.append([chunk])
    out = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        text = line[0][3]
        end = line[0][1] + len(line[0][3]) * line[0][2] * 0.5
        for _, x, size, part in line[1:]:
            gap = x - end
            if gap > 2 * size:
                text += "\t" + part
            elif gap > 0.15 * size and not text.endswith(" ") and not part.startswith(" "):
                text += " " + part
            else:
                text += part
            end = x + len(part) * size * 0.5
        out.append(text)
    rebuilt = "\n".join(out)
    if re.sub(r"\s", "", rebuilt) != re.sub(r"\s", "", plain):
        return plain
    return rebuilt
