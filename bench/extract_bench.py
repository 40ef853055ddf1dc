"""Benchmark: memo extraction on a ~20-page decision memo.

Builds a long memo from the seeds (the first seed's head, the body sections of all five seeds
repeated, the first seed's signature and distribution list), writes it as .txt, .docx and .pdf,
and measures load + extraction (median of several runs) for each. Exits non-zero when any form
takes one second or more.

    .venv/bin/python bench/extract_bench.py [--runs 7] [--pages 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samverka.documents.extraction import extract_file  # noqa: E402

LIMIT_SECONDS = 1.0
CHARS_PER_PAGE = 3000  # about 45 lines of a Word page in 12 pt


def _converters():
    spec = importlib.util.spec_from_file_location(
        "memo_converters", ROOT / "tests" / "documents" / "converters.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_memo(conv, pages: int) -> str:
    first = conv.seed_text("000")
    head, _, rest = first.partition("Bakgrund")
    body, _, tail = rest.partition("Information eller förhandling")
    bodies = []
    for seed in ("000", "001", "002", "003", "004"):
        text = conv.seed_text(seed)
        start = text.find("Bakgrund")
        end = text.find("Information eller förhandling")
        if start >= 0 and end > start:
            bodies.append(text[start:end])
    parts = [head]
    size = len(head)
    i = 0
    while size < pages * CHARS_PER_PAGE:
        parts.append(bodies[i % len(bodies)])
        size += len(bodies[i % len(bodies)])
        i += 1
    parts.append("Information eller förhandling" + tail)
    return "\n".join(parts)


def measure(path: Path, runs: int) -> tuple[float, dict]:
    times = []
    result = {}
    for _ in range(runs):
        start = time.perf_counter()
        result = extract_file(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    conv = _converters()
    text = build_memo(conv, args.pages)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "txt": Path(tmp, "memo.txt"),
            "docx": Path(tmp, "memo.docx"),
            "pdf": Path(tmp, "memo.pdf"),
        }
        files["txt"].write_text(text, encoding="utf-8")
        files["docx"].write_bytes(conv.txt_to_docx(text))
        files["pdf"].write_bytes(conv.txt_to_pdf(text))
        try:
            import pypdf

            pdf_pages = len(pypdf.PdfReader(files["pdf"]).pages)
        except Exception:  # pragma: no cover - informational only
            pdf_pages = "?"
        print(
            f"Memo: {len(text):,} tecken, {text.count(chr(10)) + 1:,} rader, "
            f"{pdf_pages} PDF-sidor; median av {args.runs} körningar"
        )
        for form, path in files.items():
            median, result = measure(path, args.runs)
            total = result["fields"]["total_yearly_value"]
            ok = median < LIMIT_SECONDS
            failed |= not ok
            print(
                f"  {form:5} {path.stat().st_size / 1024:8.1f} kB  {median * 1000:8.1f} ms  "
                f"{'OK' if ok else 'FÖR LÅNGSAMT'}  (totalt värde: "
                f"{total.get('value') if not total.get('conflict') else 'motstridigt'})"
            )
    if failed:
        print(f"Extraktionen tog {LIMIT_SECONDS:.0f} s eller mer.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
