"""Writes of the documents app: store a generated memo; confirm an imported memo into the register.

Each action runs in one transaction and writes its audit rows itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.db import transaction
from django.db.models import Max

from samverka.audit.actions import record
from samverka.partnerships.models import AgreementVersion

from .generation import memo_context, render
from .models import GeneratedMemo


def memo_file_name(version: AgreementVersion, number: int, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9åäö]+", "-", version.partnership.name.lower()).strip("-")
    return f"tjansteskrivelse-{slug}-v{version.number}-{number}.{fmt}"


def _jsonable(texts: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in texts.items()}


def generate_memo(user, version: AgreementVersion, fmt: str, texts: dict | None = None
                  ) -> GeneratedMemo:
    """Render the memo for VERSION as FMT and store it as the next numbered attachment."""
    data = render(memo_context(version, texts), fmt)
    with transaction.atomic():
        # Lock the version row so that two officers generating at once get numbers 1 and 2.
        locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
        last = GeneratedMemo.objects.filter(version=locked).aggregate(n=Max("number"))["n"] or 0
        number = last + 1
        memo = GeneratedMemo.objects.create(
            municipality_id=version.partnership.municipality_id,
            version=locked,
            decision=version.decisions.order_by("-date", "-pk").first(),
            number=number,
            format=fmt,
            file_name=memo_file_name(version, number, fmt),
            content=data,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            texts=_jsonable(texts or {}),
            created_by=user if user is not None and user.is_authenticated else None,
        )
        record(user, "memo.generate", memo,
               {"version": version.pk, "number": number, "format": fmt, "sha256": memo.sha256})
    return memo
