"""Swedish organisationsnummer: normalise and validate. No Django."""

import re

_ALLOWED = re.compile(r"^(16)?\d{6}-?\d{4}$")


class OrgNumberError(ValueError):
    """An organisationsnummer that is not valid; the message is Swedish and meant for the user."""


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit for DIGITS (weights 2,1,2,1,… from the left)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def normalise_org_number(value: str) -> str:
    """Return the number as NNNNNN-NNNN or raise OrgNumberError with a Swedish message."""
    cleaned = re.sub(r"\s", "", value or "")
    if not _ALLOWED.match(cleaned):
        raise OrgNumberError("Organisationsnumret ska ha 10 siffror, till exempel 802002-4512.")
    digits = cleaned.replace("-", "")[-10:]
    if int(digits[2:4]) < 20:
        raise OrgNumberError(
            "Siffrorna 3–4 i ett organisationsnummer är minst 20; detta liknar ett personnummer."
        )
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        raise OrgNumberError("Kontrollsiffran stämmer inte; kontrollera organisationsnumret.")
    return f"{digits[:6]}-{digits[6:]}"
