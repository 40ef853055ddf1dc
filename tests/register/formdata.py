"""POST data as a browser would send it for an unbound form or formset (its initial values)."""

import datetime as dt


def _value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    return "" if value is None else value


def form_data(form) -> dict:
    data = {}
    for field in form:
        value = field.value()
        if value is False or (value is None and field.widget_type == "checkbox"):
            continue
        data[field.html_name] = "on" if value is True else _value(value)
    return data


def formset_data(formset) -> dict:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data
