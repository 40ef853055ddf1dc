"""Writes of the memo's edited sections: save the officer's draft, optimistically locked.

The memo form carries the draft's lock_version it was read with (0: no draft yet). A save after
someone else's raises DraftConflict with the saved texts, and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.partnerships.models import AgreementVersion

from .generation import EDITABLE
from .models import MemoDraft


class DraftConflict(Exception):
    """Someone else saved the memo's texts after the form was read; SAVED are their texts."""

    def __init__(self, saved: dict):
        self.saved = saved
        super().__init__(_("Någon annan har sparat texterna medan du redigerade. Dina ändringar "
                           "är inte sparade."))


def _jsonable(texts: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in texts.items() if key in EDITABLE}


def save_draft(user, version: AgreementVersion, texts: dict, expected_lock: int) -> MemoDraft:
    """Store TEXTS as the memo draft of VERSION if the draft is still at EXPECTED_LOCK (0 when
    the form was read before any draft existed). One audit row with the changed sections."""
    municipality_id = version.partnership.municipality_id
    if user is not None:
        policy.require(user, policy.EDIT_REGISTER, municipality_id)
    texts = _jsonable(texts)
    actor = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            draft = MemoDraft.objects.filter(version=version).first()
            if draft is None:
                if expected_lock:
                    raise DraftConflict({})
                draft = MemoDraft.objects.create(municipality_id=municipality_id,
                                                 version=version, texts=texts, updated_by=actor)
                before = {}
            else:
                claimed = MemoDraft.objects.filter(pk=draft.pk, lock_version=expected_lock
                                                   ).update(lock_version=F("lock_version") + 1)
                if claimed != 1:
                    raise DraftConflict(draft.texts)
                before = draft.texts
                draft.refresh_from_db(fields=["lock_version"])
                draft.texts, draft.updated_by = texts, actor
                draft.mark_lock_claimed()
                draft.save(update_fields=["texts", "updated_by", "updated_at"])
            changed = {key: {"före": before.get(key), "efter": value}
                       for key, value in texts.items() if before.get(key) != value}
            record(user, "memo.draft.save", draft,
                   {"version": version.pk, "sections": changed})
    except IntegrityError as exc:  # two first saves at once: the other one won
        saved = MemoDraft.objects.filter(version=version).first()
        raise DraftConflict(saved.texts if saved else {}) from exc
    return draft


def saved_texts(version: AgreementVersion) -> tuple[dict, int]:
    """The draft's texts and lock version of VERSION; ({}, 0) when there is none."""
    draft = MemoDraft.objects.filter(version=version).first()
    return (draft.texts, draft.lock_version) if draft else ({}, 0)
