"""The OpenAPI description in Swedish and English (a drf-spectacular post-processing hook).

Summaries and descriptions written in the API's views are already "svenska / English". This
hook fills in what DRF and drf-spectacular generate: the id and page parameters, the answers'
descriptions, and the fields' titles and help texts, which come from the models' Swedish
verbose names and are given their English from the English catalogue (locale/en), as the web
translates them. Every personal-data operation gets the access-log note."""

from django.utils import translation
from django.utils.translation import gettext

PERSONAL_PATHS = ("/api/v1/referrals/", "/api/v1/placements/")
PERSONAL = ("Personuppgifter om deltagare: varje svar till klienten, också en vägran, skriver "
            "exakt en post i åtkomstloggen med klientens namn. / Participants' personal data: "
            "every response to the client, a refusal too, writes exactly one access-log entry "
            "naming the client.")
PARAMETERS = {
    "id": "Id i Samverka / the id in Samverka",
    "page": "Sida, 1 och uppåt / page, from 1",
}
RESPONSES = {
    "200": "Svaret / the answer",
    "201": "Skapad; svaret är det som sparades / created; the answer is what was saved",
}


def bilingual(text: str) -> str:
    """TEXT (Swedish) as "svenska / English" when the catalogue has an English for it."""
    if not text or " / " in text:
        return text
    with translation.override("en"):
        english = gettext(text)
    return text if english == text else f"{text} / {english}"


def _fields(node) -> None:
    """Titles and descriptions of the fields in NODE (a schema), recursively."""
    if isinstance(node, list):
        for item in node:
            _fields(item)
        return
    if not isinstance(node, dict):
        return
    for key in ("title", "description"):
        if isinstance(node.get(key), str) and "enum" not in node:
            node[key] = bilingual(node[key])
    for value in node.values():
        if isinstance(value, (dict, list)):
            _fields(value)


def _operation(path: str, operation: dict) -> None:
    if path.startswith(PERSONAL_PATHS):
        own = operation.get("description", "")
        operation["description"] = f"{own}\n\n{PERSONAL}" if " / " in own else PERSONAL
    for parameter in operation.get("parameters", []):
        if parameter["name"] in PARAMETERS and " / " not in parameter.get("description", ""):
            parameter["description"] = PARAMETERS[parameter["name"]]
    for code, response in operation.get("responses", {}).items():
        if not response.get("description") and code in RESPONSES:
            response["description"] = RESPONSES[code]


def postprocess(result, generator, request, public):
    for path, methods in result.get("paths", {}).items():
        for operation in methods.values():
            _operation(path, operation)
    _fields(result.get("components", {}).get("schemas", {}))
    return result
