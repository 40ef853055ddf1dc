"""The eight criteria of Linköping's IOP guideline (seeds 000 and 001), in the guideline's words."""

from django.utils.translation import gettext_lazy as _

IOP_CRITERIA = {
    1: _("Verksamheten sker på initiativ av den idéburna organisationen"),
    2: _(
        "Verksamheten är ett led i att förverkliga ett politiskt program eller plan, där de "
        "idéburna organisationerna särskilt nämns"
    ),
    3: _("Verksamheten bidrar till lokal utveckling och delaktighet i samhället"),
    4: _("Verksamheten kan inte ses som en del av det normerade föreningsbidraget"),
    5: _("Det finns inte en marknad eller en konkurrenssituation att vårda"),
    6: _("Bägge parterna är med och finansierar och/eller resurssätter verksamheten"),
    7: _("Verksamheten detaljregleras inte från kommunen"),
    8: _(
        "Båda parterna önskar och ser en mening i att ha ett annat avtalsförhållande eller "
        "samverkan vilket inte bygger på marknadsmekanism och kommersiell logik"
    ),
}
