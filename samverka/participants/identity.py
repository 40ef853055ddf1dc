"""Swedish personnummer and samordningsnummer: validation, normalisation and masking. No Django.

Accepted input: YYMMDD-NNNC, YYMMDD+NNNC (the "+" for people aged 100 or more), YYYYMMDDNNNC and
YYYYMMDD-NNNC. Stored as 12 digits YYYYMMDDNNNC. A samordningsnummer has 60 added to the day.
"""

import re
from dataclasses import dataclass
from datetime import date

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"

_SHORT = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+])(\d{3})(\d)$")
_LONG = re.compile(r"^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$")
_ANY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


class IdentityError(ValueError):
    """An input that is not a valid personnummer or samordningsnummer; CODE says why."""

    MESSAGES = {
        "format": "Ange numret som ÅÅMMDD-NNNN, ÅÅMMDD+NNNN eller ÅÅÅÅMMDDNNNN.",
        "date": "Datumet i numret finns inte.",
        "future": "Datumet i numret ligger i framtiden.",
        "birth_number": "Födelsenumret 000 används inte.",
        "checksum": "Kontrollsiffran stämmer inte.",
    }

    def __init__(self, code: str):
        self.code = code
        super().__init__(self.MESSAGES[code])


@dataclass(frozen=True)
class Identity:
    number: str  # 12 digits
    kind: str
    birth_date: date

    @property
    def birth_year(self) -> int:
        return self.birth_date.year

    @property
    def is_female(self) -> bool:
        """The second-to-last digit is even for women, odd for men (as registered)."""
        return int(self.number[10]) % 2 == 0


def luhn_digit(nine_digits: str) -> int:
    """The Luhn check digit for the nine digits YYMMDDNNN."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _century_year(yy: int, month: int, day: int, plus: bool, today: date) -> int:
    """The full year for YY: the latest not after today, then 100 years earlier for '+'."""
    year = today.year - (today.year - yy) % 100
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year - 100 if plus else year


def parse(value: str, today: date) -> Identity:
    """Validate VALUE and return its normalised identity; raise IdentityError otherwise."""
    text = value.strip().replace(" ", "")
    if match := _SHORT.match(text):
        yy, mm, dd, separator, birth_number, check = match.groups()
        month, raw_day = int(mm), int(dd)
        day = raw_day - 60 if raw_day > 60 else raw_day
        year = _century_year(int(yy), month, day, separator == "+", today)
    elif match := _LONG.match(text):
        yyyy, mm, dd, birth_number, check = match.groups()
        year, month, raw_day = int(yyyy), int(mm), int(dd)
        day = raw_day - 60 if raw_day > 60 else raw_day
    else:
        raise IdentityError("format")
    born = _real_date(year, month, day) if day >= 1 else None
    if born is None:
        raise IdentityError("date")
    if born > today:
        raise IdentityError("future")
    if birth_number == "000":
        raise IdentityError("birth_number")
    ten = f"{year % 100:02d}{month:02d}{raw_day:02d}{birth_number}"
    if luhn_digit(ten) != int(check):
        raise IdentityError("checksum")
    kind = SAMORDNINGSNUMMER if raw_day > 60 else PERSONNUMMER
    return Identity(f"{year // 100:02d}{ten}{check}", kind, born)


def normalise(value: str, today: date) -> str:
    """The 12-digit form of VALUE."""
    return parse(value, today).number


def mask(number: str | None) -> str:
    """Show only the date part: 19121212-****. Empty for no number."""
    if not number:
        return ""
    return f"{number[:8]}-****"


def short_form(number: str, today: date) -> str:
    """YYMMDD-NNNC, or with '+' for someone aged 100 or more on TODAY."""
    born_year = int(number[:4])
    month, day = int(number[4:6]), int(number[6:8])
    day = day - 60 if day > 60 else day
    hundred = (today.year - born_year > 100) or (
        today.year - born_year == 100 and (today.month, today.day) >= (month, day)
    )
    return f"{number[2:8]}{'+' if hundred else '-'}{number[8:]}"


def make_number(born: date, birth_number: int, coordination: bool = False) -> str:
    """Build the valid 12-digit number for BORN and BIRTH_NUMBER (used for test data)."""
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{birth_number:03d}"
    return f"{born.year // 100:02d}{nine}{luhn_digit(nine)}"


def find_numbers(text: str) -> list[str]:
    """Digit runs in TEXT shaped like a personnummer, whether valid or not (for leak scans)."""
    return _ANY_NUMBER.findall(text)
