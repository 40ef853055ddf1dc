"""Optimistic locking of register rows: every save of a row raises its `lock_version`.

A form carries the lock_version it was read with; the register's actions refuse a save when the
row's version has moved since. For that to hold, every write must move it, not only the actions'
own ones: document imports and commands save rows too. LockVersioned does this in save() itself.
"""

from django.db.models import F


class LockVersioned:
    """Mixin for a model with a `lock_version` field: saving an existing row increases it by one
    in the database (F expression, so a stale instance cannot lower it), and the instance is
    given the new value. An action that has already claimed the lock for this save (increased
    it with its compare-and-set update) calls mark_lock_claimed() first so it is raised once."""

    def mark_lock_claimed(self) -> None:
        self._lock_claimed = True

    def touch(self) -> None:
        """Raise the lock version alone: rows locked with this one (a budget's lines) changed."""
        if self.pk is not None:
            self.save(update_fields=["lock_version"])

    def save(self, *args, **kwargs):
        claimed = getattr(self, "_lock_claimed", False)
        self._lock_claimed = False
        if claimed or self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        read = self.lock_version
        self.lock_version = F("lock_version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        try:
            super().save(*args, **kwargs)
        except Exception:
            self.lock_version = read
            raise
        self.refresh_from_db(fields=["lock_version"])
        return None
