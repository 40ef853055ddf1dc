"""Every GET URL of the app with its path filled from the test world, and the register data the
exports and the walk need (versions, budgets, a decision, a proxy, an instrument)."""

import datetime as dt
import re

from django.urls import URLPattern, URLResolver, get_resolver

from samverka.partnerships.models import Decision, Party
from tests.factories import BudgetFactory, LineFactory, VersionFactory
from tests.impact.factories import ProxyFactory

SKIP = ("admin/", "i18n/", "login/", "logout/")
EXPORT_QUERIES = ["", "export=csv", "export=xlsx"]


def patterns(resolvers=None, prefix="", namespace=None):
    """(name, route, converters) of every URL pattern outside the admin and the login pages."""
    for pattern in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from patterns(pattern.url_patterns, prefix + str(pattern.pattern),
                                pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if not route.startswith(SKIP):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, route, pattern.pattern.converters


def register_data(world):
    """Versions, budgets, a decision and a proxy for the world's partnerships."""
    today = dt.date.today()
    data = {}
    for partnership in (world.p_mission, world.p_ikf):
        version = VersionFactory(partnership=partnership, number=1, start=dt.date(2019, 1, 1),
                                 end=dt.date(today.year + 2, 12, 31))
        budget = BudgetFactory(version=version, first_year=2019)
        party = Party.objects.filter(partnership=partnership).first()
        LineFactory(budget=budget, party=party, lump_sum=250_000)
        data[partnership.pk] = {"version": version, "budget": budget, "party": party}
    mission = data[world.p_mission.pk]
    decision = Decision.objects.create(partnership=world.p_mission, version=mission["version"],
                                       body=world.p_mission.committee, title="Beslut",
                                       points="Att godkänna")
    proxy = ProxyFactory(municipality=world.town)
    return {**mission, "decision": decision, "proxy": proxy}


def path_values(world, data) -> dict:
    """Path argument -> value, per URL name where the same name means different objects."""
    p = world.p_mission.pk
    return {
        "participants:referral_edit": {"pk": world.anna_referral.pk},
        "participants:referral_decide": {"pk": world.cilla_referral.pk},
        "participants:placement_exit": {"pk": world.anna_placement.pk},
        "participants:placement_week": {"pk": world.anna_placement.pk},
        "impact:proxy_edit": {"pk": data["proxy"].pk},
        "party_edit": {"pk": p, "party_pk": data["party"].pk},
        "budget_edit": {"pk": p, "version_pk": data["version"].pk,
                        "budget_pk": data["budget"].pk},
        "decision_edit": {"pk": p, "decision_pk": data["decision"].pk},
        "*": {"pk": p, "participant_id": world.anna.pk, "version_pk": data["version"].pk,
              "org_pk": world.mission.pk, "year": 2024, "fmt": "docx", "memo_pk": 1},
    }


def get_urls(world, data) -> list[tuple[str, str]]:
    """(name, path) of every URL; an unknown path argument gets 1 (or "x"), so a new URL is
    walked too, if only to its 404."""
    values = path_values(world, data)
    urls = []
    for name, route, converters in patterns():
        path = route
        for argument, converter in converters.items():
            value = values.get(name, {}).get(argument, values["*"].get(argument))
            if value is None:
                value = 1 if type(converter).__name__ == "IntConverter" else "x"
            path = re.sub(rf"<(?:\w+:)?{argument}>", str(value), path)
        urls.append((name, "/" + path))
    return urls
