"""Write the decision memo (tjänsteskrivelse) from the register: content, template, DOCX/PDF."""

from .content import register_facts
from .render import CONTENT_TYPES, FORMATS, parse, render, render_text
from .sections import EDITABLE, TEXTS, defaults, memo_context, missing, values

editable_defaults = defaults

__all__ = [
    "CONTENT_TYPES", "EDITABLE", "FORMATS", "TEXTS", "defaults", "editable_defaults",
    "memo_context", "missing", "parse", "register_facts", "render", "render_text", "values",
]
