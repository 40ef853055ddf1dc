"""The main menu, built from the policy module so a link shows only where the page would open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.accounts import policy

MENU = [
    # key, URL name, label, permission needed
    ("portfolio", "portfolio", _("Portfölj"), policy.VIEW_REGISTER),
    ("followup", "followup:dashboard", _("Uppföljning"), policy.VIEW_REGISTER),
    ("impact", "impact:index", _("Effekt"), policy.VIEW_REGISTER),
    ("participants", "participants:list", _("Deltagare"), policy.VIEW_PARTICIPANTS),
    ("documents", "documents:upload", _("Läs in tjänsteskrivelse"), policy.EDIT_REGISTER),
    ("users", "accounts:users", _("Användare"), policy.MANAGE_USERS),
    ("processing", "processing_record", _("Behandlingsregister"), policy.VIEW_PROCESSING_RECORD),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = [
        {"key": key, "url": reverse(url_name), "label": label}
        for key, url_name, label, permission in MENU
        if policy.can(user, permission)
    ]
    if policy.worklist_kind(user) is not None:
        items.insert(0, start_item(user))
    return {"menu": items}


def start_item(user) -> dict:
    """The start page's link, with the number of items waiting (samverka.worklist)."""
    from samverka.worklist.counts import count_for

    return {"key": "start", "url": reverse("start"), "label": _("Att göra"),
            "count": count_for(user)}
