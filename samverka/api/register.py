"""The register: organisations, partnerships, agreement versions, decisions and budgets. Read by
every client; written by register:write clients through the web's forms and actions
(partnerships/actions.py: policy, transaction, audit row, optimistic locking on lock_version)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from samverka.organisations.models import Organisation
from samverka.partnerships import actions, forms
from samverka.partnerships.models import AgreementVersion, Decision, Partnership

from . import serializers as s
from .base import Pages, municipality_id
from .permissions import ReadsRegister

ERRORS = {401: OpenApiResponse(s.ErrorSerializer, description="Nyckel saknas eller är ogiltig / "
                                                            "token missing or invalid"),
          400: OpenApiResponse(s.ErrorSerializer, description="Felaktiga uppgifter / bad input"),
          403: OpenApiResponse(s.ErrorSerializer, description="Behörighet saknas / forbidden"),
          404: OpenApiResponse(s.ErrorSerializer, description="Hittades inte / not found"),
          409: OpenApiResponse(s.ErrorSerializer, description="Ändrad av någon annan / "
                                                              "changed by someone else"),
          503: OpenApiResponse(s.ErrorSerializer, description="Åtkomstloggen kan inte skrivas / "
                                                              "the access log is unavailable")}


def _form_data(data) -> dict:
    """JSON as form data: every value a string (lists of strings), as a browser would send."""
    if not isinstance(data, dict):
        return {}

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "on" if value else ""
        return str(value)

    return {name: [text(v) for v in value] if isinstance(value, list) else text(value)
            for name, value in data.items()}


def _form_errors(form) -> Response:
    fields = {("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
              for name, messages in form.errors.items()}
    first = next(iter(fields.values()))[0]
    return Response({"fel": first, "falt": fields}, status=status.HTTP_400_BAD_REQUEST)


class _Register(generics.GenericAPIView):
    permission_classes = [ReadsRegister]
    pagination_class = Pages
    form_class = None
    save_action = None

    def get_queryset(self):
        return self.scoped(self.serializer_class.Meta.model.objects.all(),
                           municipality_id(self.request)).order_by("pk")

    def scoped(self, queryset, mid):
        return queryset.filter(partnership__municipality_id=mid)

    def save(self, request, instance, code):
        if not isinstance(request.data, dict):
            return Response({"fel": _("Skicka ett JSON-objekt.")}, status=400)
        form = self.form_class(_form_data(request.data), instance=instance,
                               municipality=request.user.profile.municipality)
        if not form.is_valid():
            return _form_errors(form)
        obj = type(self).save_action(request.user, form, form.expected_version)
        return Response(self.get_serializer(obj).data, status=code)


class _List(_Register, generics.ListAPIView):
    def post(self, request):
        instance = self.new_instance(request)
        if isinstance(instance, Response):
            return instance
        return self.save(request, instance, status.HTTP_201_CREATED)

    def new_instance(self, request):
        raise NotImplementedError


class _Detail(_Register, generics.RetrieveAPIView):
    def put(self, request, pk):
        return self.save(request, self.get_object(), status.HTTP_200_OK)


def _partnership_of(request):
    """The partnership named in the body of a create, in the client's municipality."""
    value = request.data.get("partnership") if isinstance(request.data, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        return Response({"fel": _("Ange partnerskapets id."),
                         "falt": {"partnership": [_("Ange partnerskapets id.")]}}, status=400)
    return get_object_or_404(Partnership, pk=value, municipality_id=municipality_id(request))




def _docs(model_sv, model_en, serializer, kind, write=True):
    """The schema of a list (KIND "list": GET, POST) or detail ("detail": GET, PUT) view."""
    methods = {"get": extend_schema(summary=f"{model_sv} / {model_en}",
                                    responses={200: serializer, **ERRORS})}
    if write and kind == "list":
        methods["post"] = extend_schema(
            summary=f"Ny: {model_sv} / new: {model_en}", request=serializer,
            description="Kräver register:write. / Needs register:write.",
            responses={201: serializer, **ERRORS})
    if write and kind == "detail":
        methods["put"] = extend_schema(
            summary=f"Ändra: {model_sv} / change: {model_en}", request=serializer,
            description="Kräver register:write och lock_version som lästes. / Needs "
                        "register:write and the lock_version read.",
            responses={200: serializer, **ERRORS})
    return extend_schema_view(**methods)


@_docs("organisationer", "organisations", s.OrganisationSerializer, "list")
class OrganisationList(_List):
    serializer_class = s.OrganisationSerializer
    form_class = forms.OrganisationForm
    save_action = actions.save_organisation

    def scoped(self, queryset, mid):
        return queryset.filter(municipality_id=mid)

    def new_instance(self, request):
        return Organisation(municipality_id=municipality_id(request))


@_docs("organisation", "organisation", s.OrganisationSerializer, "detail")
class OrganisationDetail(_Detail):
    serializer_class = s.OrganisationSerializer
    form_class = forms.OrganisationForm
    save_action = actions.save_organisation
    scoped = OrganisationList.scoped


@_docs("partnerskap", "partnerships", s.PartnershipSerializer, "list")
class PartnershipList(_List):
    serializer_class = s.PartnershipSerializer
    form_class = forms.PartnershipForm
    save_action = actions.save_partnership
    scoped = OrganisationList.scoped

    def get_queryset(self):
        return super().get_queryset().prefetch_related("parties", "referral_routes")

    def new_instance(self, request):
        return Partnership(municipality_id=municipality_id(request))


@_docs("partnerskap", "partnership", s.PartnershipSerializer, "detail")
class PartnershipDetail(_Detail):
    serializer_class = s.PartnershipSerializer
    form_class = forms.PartnershipForm
    save_action = actions.save_partnership
    scoped = OrganisationList.scoped


@_docs("överenskommelser (versioner)", "agreement versions", s.AgreementVersionSerializer, "list")
class VersionList(_List):
    serializer_class = s.AgreementVersionSerializer
    form_class = forms.VersionForm
    save_action = actions.save_agreement_version

    def new_instance(self, request):
        partnership = _partnership_of(request)
        if isinstance(partnership, Response):
            return partnership
        latest = partnership.versions.order_by("-number").first()
        return AgreementVersion(partnership=partnership,
                                number=(latest.number + 1) if latest else 1)


@_docs("överenskommelse (version)", "agreement version", s.AgreementVersionSerializer, "detail")
class VersionDetail(_Detail):
    serializer_class = s.AgreementVersionSerializer
    form_class = forms.VersionForm
    save_action = actions.save_agreement_version


@_docs("beslut", "decisions", s.DecisionSerializer, "list")
class DecisionList(_List):
    serializer_class = s.DecisionSerializer
    form_class = forms.DecisionForm
    save_action = actions.save_decision

    def new_instance(self, request):
        partnership = _partnership_of(request)
        if isinstance(partnership, Response):
            return partnership
        return Decision(partnership=partnership, body=partnership.committee)


@_docs("beslut", "decision", s.DecisionSerializer, "detail")
class DecisionDetail(_Detail):
    serializer_class = s.DecisionSerializer
    form_class = forms.DecisionForm
    save_action = actions.save_decision


@_docs("budgetar", "budgets", s.BudgetSerializer, "list", write=False)
class BudgetList(generics.ListAPIView, _Register):
    """Budgetar läses här; de ändras med sina rader i webben. / Budgets are read here; they are
    changed with their lines in the web."""

    serializer_class = s.BudgetSerializer

    def scoped(self, queryset, mid):
        return queryset.filter(version__partnership__municipality_id=mid) \
            .select_related("version").prefetch_related("lines")


@_docs("budget", "budget", s.BudgetSerializer, "detail", write=False)
class BudgetDetail(generics.RetrieveAPIView, _Register):
    serializer_class = s.BudgetSerializer
    scoped = BudgetList.scoped


@_docs("anvisningsvägar", "referring units", s.ReferringUnitSerializer, "list", write=False)
class ReferringUnitList(generics.ListAPIView, _Register):
    serializer_class = s.ReferringUnitSerializer
    scoped = OrganisationList.scoped


