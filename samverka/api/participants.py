"""Referrals from case-management systems; answers, placements, weekly hours and exits from
partner systems. Every read through participants/selectors.py and every write through
participants/actions.py, as in the web; each response writes one access-log entry."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from samverka.accounts import policy
from samverka.participants import actions, selectors
from samverka.participants.accesslog import Purpose
from samverka.participants.models import Referral

from . import serializers as s
from .base import PersonalDataView, page_number
from .permissions import Places, ReadsParticipants, Refers
from .register import ERRORS


def _listing(serializer):
    return {200: OpenApiResponse(
        {"type": "object", "properties": {
            "count": {"type": "integer"}, "page": {"type": "integer"},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/"
                                                           f"{serializer.__name__[:-10]}"}}},
         "required": ["count", "page", "results"]},
        description="En sida / one page"), **ERRORS}


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _referral_response(user, referral, code=status.HTTP_200_OK):
    selectors.as_seen_by(user, [referral.participant])
    return Response(s.ReferralSerializer(referral).data, status=code)


def _placement_response(user, placement):
    selectors.as_seen_by(user, [placement.participant])
    return Response(s.PlacementSerializer(placement).data)


PAGE = OpenApiParameter("page", int, description="Sida / page (1…)")
STATUS = OpenApiParameter("status", str, enum=Referral.Status.values,
                          description="Bara anvisningar med denna status / only this status")


class ReferralList(PersonalDataView):
    permission_classes = [ReadsParticipants]

    def get_permissions(self):
        return [Refers()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(summary="Anvisningar som klienten får se / referrals the client may see",
                   description="En referrals:write-klient ser sin enhets anvisningar, en "
                               "placements:write-klient sin organisations (med samtycke). / "
                               "A referrals client sees its unit's, a placements client its "
                               "organisation's (with consent).",
                   parameters=[PAGE, STATUS], operation_id="referrals_list",
                   responses=_listing(s.ReferralSerializer))
    def get(self, request):
        wanted = request.query_params.get("status", "")
        if wanted and wanted not in Referral.Status.values:
            return Response({"fel": "Okänd status.", "falt": {"status": ["Okänd status."]}},
                            status=400)
        page = page_number(request)
        rows, total = selectors.list_referrals(request.user, self.purpose, page, wanted)
        return Response({"count": total, "page": page,
                         "results": s.ReferralSerializer(rows, many=True).data})

    @extend_schema(summary="Ny anvisning / new referral",
                   description="Från klientens anvisande enhet (referrals:write). Personnumret "
                               "skickas i kroppen, aldrig i adressen, och visas aldrig i svaret. "
                               "/ From the client's referring unit. The personnummer goes in "
                               "the body, never in the URL, and is never returned.",
                   request=s.ReferralCreateSerializer,
                   responses={201: s.ReferralSerializer, **ERRORS})
    def post(self, request):
        data = _valid(s.ReferralCreateSerializer, request)
        person = actions.IdentityInput(**data["person"])
        client = policy.acting_api_client(request.user)
        referral = actions.register_referral(
            request.user, person=person, partnership_id=data["partnership"],
            referring_unit_id=client.referring_unit_id, requested_on=data["requested_on"],
            planned_hours_per_week=data.get("planned_hours_per_week"),
            action_plan_reference=data.get("action_plan_reference", ""),
            consent_to_share=data.get("consent_to_share", False), note=data.get("note", ""))
        return _referral_response(request.user, referral, status.HTTP_201_CREATED)


class ReferralDetail(PersonalDataView):
    permission_classes = [ReadsParticipants]

    @extend_schema(summary="En anvisning och dess status / a referral and its status",
                   responses={200: s.ReferralSerializer, **ERRORS})
    def get(self, request, pk):
        referral = selectors.get_referral_for_user(request.user, pk, self.purpose,
                                                   policy.VIEW_PARTICIPANTS)
        return Response(s.ReferralSerializer(referral).data)


class ReferralWithdraw(PersonalDataView):
    permission_classes = [Refers]

    @extend_schema(summary="Återta en anvisning / withdraw a referral",
                   description="Bara en obesvarad anvisning. / Only an unanswered referral.",
                   request=s.VersionSerializer, responses={200: s.ReferralSerializer, **ERRORS})
    def post(self, request, pk):
        data = _valid(s.VersionSerializer, request)
        referral = actions.withdraw_referral(request.user, pk, data["version"])
        return _referral_response(request.user, referral)


class ReferralDecision(PersonalDataView):
    permission_classes = [Places]
    purpose = Purpose.PLACEMENT

    @extend_schema(summary="Svara på en anvisning / answer a referral",
                   description="accept (med startdatum: en placering skapas), decline (med "
                               "skäl) eller wait. / accept (with a start: a placement is "
                               "created), decline (with a reason) or wait.",
                   request=s.DecisionInSerializer, responses={200: s.ReferralSerializer,
                                                             **ERRORS})
    def post(self, request, pk):
        data = _valid(s.DecisionInSerializer, request)
        referral = actions.decide_referral(
            request.user, pk, data["version"], data["decision"], reason=data.get("reason", ""),
            start=data.get("start"), hours_per_week=data.get("hours_per_week"),
            confirm_over_capacity=data.get("confirm_over_capacity", False))
        return _referral_response(request.user, referral)


class PlacementList(PersonalDataView):
    permission_classes = [ReadsParticipants]
    purpose = Purpose.PLACEMENT

    @extend_schema(summary="Placeringar som klienten får se / placements the client may see",
                   parameters=[PAGE, OpenApiParameter("active", bool, description=(
                       "Bara pågående / only running"))], operation_id="placements_list",
                   responses=_listing(s.PlacementSerializer))
    def get(self, request):
        page = page_number(request)
        active = request.query_params.get("active", "").lower() in ("1", "true")
        rows, total = selectors.list_placements(request.user, self.purpose, page, active)
        return Response({"count": total, "page": page,
                         "results": s.PlacementSerializer(rows, many=True).data})


class PlacementDetail(PersonalDataView):
    permission_classes = [ReadsParticipants]
    purpose = Purpose.PLACEMENT

    @extend_schema(summary="En placering med veckotimmar / a placement with weekly hours",
                   responses={200: s.PlacementSerializer, **ERRORS})
    def get(self, request, pk):
        placement = selectors.get_placement_for_user(request.user, pk, self.purpose,
                                                     policy.VIEW_PARTICIPANTS)
        return Response(s.PlacementSerializer(placement).data)


class PlacementWeek(PersonalDataView):
    permission_classes = [Places]
    purpose = Purpose.PLACEMENT

    @extend_schema(summary="Veckans aktivitetstimmar / the week's activity hours",
                   description="version: veckans version som lästes, utelämnas för en ny vecka. "
                               "/ version: the week's version read, left out for a new week.",
                   request=s.WeekInSerializer, responses={200: s.PlacementSerializer, **ERRORS})
    def post(self, request, pk):
        data = _valid(s.WeekInSerializer, request)
        week = actions.record_week(request.user, pk, data["week_start"], data["hours"],
                                   data.get("version"))
        return _placement_response(request.user, week.placement)


class PlacementExit(PersonalDataView):
    permission_classes = [Places]
    purpose = Purpose.PLACEMENT

    @extend_schema(summary="Avsluta en placering / end a placement",
                   request=s.ExitSerializer, responses={200: s.PlacementSerializer, **ERRORS})
    def post(self, request, pk):
        data = _valid(s.ExitSerializer, request)
        placement = actions.exit_placement(request.user, pk, data["version"], end=data["end"],
                                           outcome=data["outcome"])
        return _placement_response(request.user, placement)
