"""API clients for the personas of tests/participants (the `world` fixture).

- treserva: the case-management system of the referring unit AMC (referrals:write, register:read);
- lifecare: the case-management system of Team utreda (referrals:write);
- mission: Stadsmissionen's own system (placements:write);
- ikf: IKF's system (placements:write);
- diary: the municipality's register system (register:write);
- site: the municipality's website (register:read, statistics:read).
"""

from dataclasses import dataclass

import pytest

from samverka.api import actions
from tests.participants.conftest import login, world  # noqa: F401


@dataclass
class Client:
    model: object
    token: str

    @property
    def name(self) -> str:
        return self.model.name

    def headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}


@pytest.fixture
def api_clients(world):  # noqa: F811
    admin = world.users["admin"]

    def make(name, scopes, organisation=None, unit=None):
        model, token = actions.create_client(admin, name=name, scopes=scopes,
                                             organisation=organisation, referring_unit=unit)
        return Client(model, token)

    return {
        "treserva": make("Treserva AMC", ["referrals:write", "register:read"], unit=world.amc),
        "lifecare": make("Lifecare utreda", ["referrals:write"], unit=world.utreda),
        "mission": make("Missionens system", ["placements:write"], organisation=world.mission),
        "ikf": make("IKF-systemet", ["placements:write"], organisation=world.ikf),
        "diary": make("Diariet", ["register:write"]),
        "site": make("Webbplatsen", ["register:read", "statistics:read"]),
    }


@pytest.fixture
def api(client):
    """call(api_client_or_None, method, path, json=None, token=None) -> response."""

    def call(who, method, path, json=None, token=None):
        headers = who.headers() if who is not None else {}
        if token is not None:
            headers = {"HTTP_AUTHORIZATION": token}
        send = getattr(client, method.lower())
        if json is None:
            return send(path, **headers)
        return send(path, data=json, content_type="application/json", **headers)

    return call
