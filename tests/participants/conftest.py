"""Named personas for participant tests.

Municipality "Testkommun" with two partner organisations (Stadsmissionen, IKF), each party to one
partnership, and two referring units (AMC, Team utreda). Participants:
- anna: referred by AMC to Stadsmissionen's partnership with consent, placed there;
- bo: referred by Team utreda to IKF's partnership, placed there;
- cilla: referred by AMC to Stadsmissionen's partnership WITHOUT consent, not yet answered;
- dora: in another municipality entirely.
Users: alice (admin), olle (officer), cecilia (case worker, AMC), tove (case worker, Team utreda),
petra (partner staff, Stadsmissionen), ivan (partner staff, IKF), nils (committee),
xena (officer in another municipality: the outsider who must see nothing).
"""

from dataclasses import dataclass
from datetime import date

import pytest

from .factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ParticipantFactory,
    PartnershipFactory,
    PlacementFactory,
    ReferralFactory,
    ReferringUnitFactory,
    make_user,
)


@dataclass
class World:
    town: object
    other_town: object
    mission: object
    ikf: object
    p_mission: object
    p_ikf: object
    amc: object
    utreda: object
    self_referral: object
    users: dict
    anna: object
    bo: object
    cilla: object
    dora: object
    anna_referral: object
    anna_placement: object
    bo_referral: object
    bo_placement: object
    cilla_referral: object
    dora_referral: object
    dora_placement: object


@pytest.fixture
def world(db):
    town = MunicipalityFactory(name="Testkommun", code="9001")
    other = MunicipalityFactory(name="Annan kommun", code="9002")
    admin_office = OrganisationFactory(municipality=town, name="Förvaltningen", kind="municipal")
    mission = OrganisationFactory(municipality=town, name="Stadsmissionen")
    ikf = OrganisationFactory(municipality=town, name="IKF")
    p_mission = PartnershipFactory(municipality=town, name="Arbetsträning", partner=mission,
                                   capacity=2)
    p_ikf = PartnershipFactory(municipality=town, name="Hälsogrupper", partner=ikf)
    amc = ReferringUnitFactory(municipality=town, name="AMC")
    utreda = ReferringUnitFactory(municipality=town, name="Team utreda")
    self_referral = ReferringUnitFactory(municipality=town, name="Eget initiativ",
                                         is_self_referral=True)
    other_org = OrganisationFactory(municipality=other, name="Annan förening")
    p_other = PartnershipFactory(municipality=other, name="Annat partnerskap", partner=other_org)
    other_unit = ReferringUnitFactory(municipality=other, name="Annan enhet")
    users = {
        "admin": make_user("alice", "admin", town, admin_office),
        "officer": make_user("olle", "officer", town, admin_office),
        "case_worker": make_user("cecilia", "case_worker", town, admin_office, amc),
        "other_case_worker": make_user("tove", "case_worker", town, admin_office, utreda),
        "partner_staff": make_user("petra", "partner_staff", town, mission),
        "other_partner_staff": make_user("ivan", "partner_staff", town, ikf),
        "committee": make_user("nils", "committee", town, admin_office),
        "outsider": make_user("xena", "officer", other, other_org),
    }
    anna = ParticipantFactory(municipality=town, first_name="Anna", last_name="Alfqvist",
                              personal_number="198001019820")
    bo = ParticipantFactory(municipality=town, first_name="Bo", last_name="Betqvist", gender="man",
                            personal_number="198502029815")
    cilla = ParticipantFactory(municipality=town, first_name="Cilla", last_name="Gamqvist",
                               personal_number="199003039808")
    dora = ParticipantFactory(municipality=other, first_name="Dora", last_name="Delqvist",
                              personal_number="197004049883")
    anna_referral = ReferralFactory(participant=anna, partnership=p_mission, referring_unit=amc,
                                    accepted=True, action_plan_reference="HP-ANNA")
    anna_placement = PlacementFactory(participant=anna, partnership=p_mission,
                                      referral=anna_referral, start=date(2024, 2, 1))
    bo_referral = ReferralFactory(participant=bo, partnership=p_ikf, referring_unit=utreda,
                                  accepted=True, action_plan_reference="HP-BO")
    bo_placement = PlacementFactory(participant=bo, partnership=p_ikf, referral=bo_referral)
    cilla_referral = ReferralFactory(participant=cilla, partnership=p_mission,
                                     referring_unit=amc, consent_to_share=False,
                                     action_plan_reference="HP-CILLA")
    dora_referral = ReferralFactory(participant=dora, partnership=p_other,
                                    referring_unit=other_unit, accepted=True,
                                    action_plan_reference="HP-DORA")
    dora_placement = PlacementFactory(participant=dora, partnership=p_other,
                                      referral=dora_referral)
    return World(town, other, mission, ikf, p_mission, p_ikf, amc, utreda, self_referral, users,
                 anna, bo, cilla, dora, anna_referral, anna_placement, bo_referral,
                 bo_placement, cilla_referral, dora_referral, dora_placement)


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
