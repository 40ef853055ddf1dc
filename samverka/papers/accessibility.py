"""The accessibility statement (tillgänglighetsredogörelse) after DIGG's template: the facts
that change when the service is re-assessed live here, the text in the template."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverka.organisations.models import Municipality

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
COMPLIANCE = _("delvis förenlig")  # helt förenlig, delvis förenlig or inte förenlig
ASSESSED = date(2026, 12, 1)  # the latest self-assessment
UPDATED = date(2026, 12, 1)  # the statement's latest update
METHOD = _("Självskattning: automatiska kontroller mot WCAG 2.1 AA med axe-core i "
           "webbläsartesterna, som körs för varje version.")

# Content that is not accessible, and why (DIGG: "Innehåll som inte är tillgängligt").
KNOWN_ISSUES = [
    _("Rapporter som laddas ner som PDF och DOCX är inte granskade med skärmläsare; samma "
      "uppgifter finns som webbsidor."),
    _("Linjediagrammen över en deltagares progression går inte att utforska med "
      "skärmläsare; samma siffror står i tabellen bredvid diagrammet."),
    _("Administrationsgränssnittet för systemförvaltare (Django admin) är inte granskat."),
]
# Content exempted as a disproportionate burden (12 §): none.
DISPROPORTIONATE = []
# Content outside the law's requirements (9 §).
OUT_OF_SCOPE = [
    _("Inlästa tjänsteskrivelser och andra dokument från andra än kommunen visas som de "
      "kom in."),
]


def organisation_name() -> str:
    """The public body behind the service: the municipalities in the register."""
    names = list(Municipality.objects.values_list("name", flat=True))
    return ", ".join(names) or str(_("Kommunen"))


def contact_email() -> str:
    return getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


def context(request) -> dict:
    return {"organisation": organisation_name(), "service": "Samverka",
            "compliance": COMPLIANCE, "assessed": ASSESSED, "updated": UPDATED,
            "method": METHOD, "known_issues": KNOWN_ISSUES,
            "disproportionate": DISPROPORTIONATE, "out_of_scope": OUT_OF_SCOPE,
            "contact": contact_email(), "digg_url": DIGG_REPORT_URL,
            "page_url": request.build_absolute_uri()}
