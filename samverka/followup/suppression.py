"""Small-cell suppression for everything a committee member or the public sees. No Django.

Rule: a count of 1 to THRESHOLD−1 persons (default 1–4) is never shown; 0 is shown.
Primary suppression hides the small cells. Complementary suppression then stops a reader from
working a hidden cell out of the others: when a group of cells is tied by a total (or by an
identity such as referred = accepted + declined + waiting) and exactly one cell is hidden, the
smallest other cell is hidden too (or the total when nothing else is left). Shares (percent) of
hidden cells are hidden with them.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 5


def is_small(value: int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether VALUE persons is a small cell: 1 ≤ value < threshold."""
    return value is not None and 0 < value < threshold


def show(value: int | None, threshold: int = DEFAULT_THRESHOLD) -> int | None:
    """VALUE, or None when it is a small cell."""
    return None if is_small(value, threshold) else value


@dataclass
class Suppressed:
    """A group of cells after suppression: None marks a hidden cell (or total)."""

    cells: dict
    total: int | None
    hidden: set = field(default_factory=set)
    total_hidden: bool = False


def suppress(
    cells: Mapping[Hashable, int],
    total: int | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Suppressed:
    """Suppress CELLS (and TOTAL, the group's published total, if any) for publication.

    Without a total the cells are independent and only small cells are hidden. With a shown
    total the hidden cells together must hold 0 or at least THRESHOLD persons and never be a
    single cell; otherwise the smallest further cells are hidden, and the total as a last resort.
    """
    values = dict(cells)
    hidden = {key for key, value in values.items() if is_small(value, threshold)}
    total_hidden = is_small(total, threshold)
    if total_hidden:
        # A small total makes every non-zero cell small as well.
        hidden |= {key for key, value in values.items() if value}
    elif total is not None and hidden:
        total_hidden = _complement(values, hidden, threshold)
    return Suppressed(
        cells={key: (None if key in hidden else value) for key, value in values.items()},
        total=None if total_hidden else total,
        hidden=hidden,
        total_hidden=total_hidden,
    )


def _complement(values: dict, hidden: set, threshold: int) -> bool:
    """Hide more cells until the hidden ones cannot be worked out; True: hide the total too."""

    def safe() -> bool:
        return len(hidden) >= 2 and sum(values[key] for key in hidden) >= threshold

    if safe():
        return False
    candidates = sorted(
        (value, index, key) for index, (key, value) in enumerate(values.items())
        if key not in hidden
    )
    hidden_sum = sum(values[key] for key in hidden)
    enough = [key for value, _index, key in candidates if value + hidden_sum >= threshold]
    if enough:
        hidden.add(enough[0])
        return False
    for _value, _index, key in candidates:
        hidden.add(key)
        if safe():
            return False
    return True
