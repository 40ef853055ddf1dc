"""Password rules beyond Django's built-in validators: never the username, in any disguise."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Digits and signs commonly typed for letters ("st4dsm1ss10nen", "@dmin", "$amverka").
LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                            "@": "a", "$": "s", "!": "i", "|": "i"})
# Username parts shorter than this (e.g. "fsi" in "anvisare.fsi") are not checked on their own.
MIN_PART_LENGTH = 4
# A username shorter than this only refuses itself, not every password containing it.
MIN_CONTAINED_LENGTH = 3


def normalise(text: str) -> str:
    """Lower case, look-alike characters read as letters, everything but letters dropped."""
    return re.sub(r"[\W\d_]", "", text.lower().translate(LOOKALIKES))


def username_forms(username: str) -> set[str]:
    """The username and its parts (split at . _ - @ and digits), normalised, forwards and back."""
    parts = {normalise(username)}
    parts.update(
        normalise(part) for part in re.split(r"[._\-@+\s\d]+", username)
        if len(normalise(part)) >= MIN_PART_LENGTH
    )
    parts.discard("")
    return parts | {part[::-1] for part in parts}


def resembles_username(password: str, username: str) -> bool:
    """Whether PASSWORD contains USERNAME or a part of it, whatever the case, digits or order."""
    if not username:
        return False
    plain = normalise(password)
    return any(
        form in plain if len(form) >= MIN_CONTAINED_LENGTH else form == plain
        for form in username_forms(username)
    )


class UsernameVariantValidator:
    """Refuse passwords built from the username: same word, other case, digits added, reversed."""

    def validate(self, password, user=None):
        username = getattr(user, "get_username", lambda: "")() if user is not None else ""
        if resembles_username(password, username or ""):
            raise ValidationError(
                _("Lösenordet får inte innehålla användarnamnet, inte heller med andra "
                  "versaler, siffror eller tecken eller baklänges."),
                code="password_contains_username",
            )

    def get_help_text(self):
        return _("Lösenordet får inte innehålla användarnamnet, inte heller baklänges.")
