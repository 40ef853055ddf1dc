"""Model choice fields that answer "no such choice" for an id no database can hold.

Django's ModelChoiceField and ModelMultipleChoiceField send the submitted ids to the database;
an integer beyond 64 bits makes SQLite raise OverflowError (a 500) instead of the field's own
"invalid choice" message. `bound_ids()` (called once from core's AppConfig.ready) puts a range
check in front of both fields' `clean`, so every form – web and API alike – answers with the
Swedish message on the field. Django offers no setting for this; a subclass would have to be
named in every ModelForm's formfield mapping, which new code would forget.
"""

from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField, ModelMultipleChoiceField

from .params import MAX_DB_ID


def _out_of_range(value) -> bool:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return not -MAX_DB_ID <= number <= MAX_DB_ID


def _guarded(clean, many: bool):
    def guarded_clean(self, value):
        values = value if many and isinstance(value, list | tuple) else [value]
        for item in values:
            if item not in self.empty_values and _out_of_range(item):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": item})
        return clean(self, value)

    guarded_clean.__wrapped__ = clean
    return guarded_clean


def bound_ids() -> None:
    for field, many in ((ModelChoiceField, False), (ModelMultipleChoiceField, True)):
        if not hasattr(field.clean, "__wrapped__"):
            field.clean = _guarded(field.clean, many)
