"""Write the decision memo (tjänsteskrivelse) from the register: content, template, DOCX/PDF."""

from .content import EDITABLE, editable_defaults, memo_context, register_facts
from .render import CONTENT_TYPES, FORMATS, parse, render, render_text

__all__ = [
    "CONTENT_TYPES", "EDITABLE", "FORMATS", "editable_defaults", "memo_context", "parse",
    "register_facts", "render", "render_text",
]
