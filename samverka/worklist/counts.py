"""The number on the navigation's "Att göra" link, kept a minute per user (it is asked on
every page). A number only: no person is named, so nothing is written to the access log."""

from django.core.cache import cache
from django.utils import timezone

from samverka.accounts import policy

SECONDS = 60


def _key(user, today) -> str:
    return f"worklist-count:{user.pk}:{today.isoformat()}"


def count_for(user) -> int:
    today = timezone.localdate()
    key = _key(user, today)
    count = cache.get(key)
    if count is None:
        count = _compute(user, today)
        cache.set(key, count, SECONDS)
    return count


def forget(user) -> None:
    cache.delete(_key(user, timezone.localdate()))


def _compute(user, today) -> int:
    from samverka.participants.worklist import worklist_count

    from .imports import imports_to_review
    from .overview import reminders_of

    kind = policy.worklist_kind(user)
    if kind in ("partner", "case_worker"):
        return worklist_count(user, today)
    if kind in ("officer", "municipality"):
        municipality = policy.profile_of(user).municipality
        return (len(reminders_of(user, today, everyone=kind == "municipality"))
                + len(imports_to_review(municipality)))
    return 0  # the committee: no worklist of its own, and no counts of persons
