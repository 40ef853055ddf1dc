"""What the API shows and accepts. Participant data: only what the web shows the same role, and
never a personnummer (the web shows it masked, and in full only on a logged reveal)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.participants.actions import Decision
from samverka.participants.models import Gender, Outcome, Participant, Placement, Referral
from samverka.partnerships.models import AgreementVersion, Partnership, Party, ReferringUnit
from samverka.partnerships.models import Decision as DecisionModel

# --- The register (no personal data) ---------------------------------------------------------

LOCK = serializers.IntegerField(
    required=False, min_value=1, max_value=2**31 - 1,
    help_text=_("Versionen som lästes; krävs vid ändring / the version read; needed to change"))


class OrganisationSerializer(serializers.ModelSerializer):
    lock_version = LOCK
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "org_number", "idea_register",
                  "lock_version"]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "organisation", "role"]


class PartnershipSerializer(serializers.ModelSerializer):
    lock_version = LOCK
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = ["id", "name", "form", "committee", "administration", "purpose",
                  "target_group", "newly_arrived", "social_assistance", "age_band",
                  "gender_focus", "intensity_band", "activities", "referral_routes", "places",
                  "capacity", "goal_areas", "gender_equality", "legal_form_reasoning",
                  "parties", "lock_version"]


class AgreementVersionSerializer(serializers.ModelSerializer):
    lock_version = LOCK
    class Meta:
        model = AgreementVersion
        fields = ["id", "partnership", "number", "kind", "title", "start", "end", "period_note",
                  "extension_count", "extension_years", "extensions_used",
                  "extension_decision_due", "status", "change_summary", "lock_version"]


class DecisionSerializer(serializers.ModelSerializer):
    lock_version = LOCK
    class Meta:
        model = DecisionModel
        fields = ["id", "partnership", "version", "body", "title", "date", "date_note",
                  "registry_number", "points", "signatories", "distribution", "consultation",
                  "mbl", "lock_version"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "party", "kind", "description", "in_kind", "hours_per_week",
                  "weeks_per_year", "hourly_rate", "lump_sum", "at_least", "derived"]


class BudgetSerializer(serializers.ModelSerializer):
    lines = BudgetLineSerializer(many=True, read_only=True)
    partnership = serializers.IntegerField(source="version.partnership_id", read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "partnership", "version", "first_year", "last_year",
                  "indexation_percent", "note", "lines", "lock_version"]


class ReferringUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferringUnit
        fields = ["id", "name", "is_self_referral"]


# --- Participant data -----------------------------------------------------------------------


class ParticipantRefSerializer(serializers.Serializer):
    """Deltagaren som klientens roll ser hen: ett verksamhetssystem ser namnet som dess egen
    enhet registrerade; aldrig personnumret. / The participant as the client's role sees them:
    a case-management client sees the name its own unit recorded (selectors.as_seen_by); never
    the personnummer."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_year = serializers.IntegerField(allow_null=True)


class ReferralSerializer(serializers.ModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "partnership", "referring_unit", "participant", "requested_on",
                  "planned_hours_per_week", "status", "status_label", "decided_on",
                  "decline_reason", "consent_to_share", "version"]
        read_only_fields = fields


class WeekSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    version = serializers.IntegerField()


class PlacementSerializer(serializers.ModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    weeks = WeekSerializer(many=True, read_only=True)
    outcome = serializers.ChoiceField(Outcome.choices, allow_blank=True, read_only=True,
                                      help_text=_("Tom för en pågående placering / empty while "
                                                  "running"))

    class Meta:
        model = Placement
        fields = ["id", "partnership", "participant", "referral", "start", "planned_end",
                  "end", "outcome", "hours_per_week", "weeks", "version"]
        read_only_fields = fields


class PersonSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(Participant.IdentityKind.choices,
                                   help_text=_("Typ av identitet / kind of identity"))
    number = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                   help_text=_("Personnummer eller samordningsnummer"))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    gender = serializers.ChoiceField(Gender.choices, required=False, allow_blank=True)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900,
                                          max_value=2100)


class ReferralCreateSerializer(serializers.Serializer):
    partnership = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    person = PersonSerializer()
    requested_on = serializers.DateField()
    planned_hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True)
    action_plan_reference = serializers.CharField(required=False, allow_blank=True,
                                                  max_length=100)
    consent_to_share = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1,
                                       help_text=_("Versionen som lästes / the version read"))


class DecisionInSerializer(VersionSerializer):
    decision = serializers.ChoiceField([Decision.ACCEPT, Decision.DECLINE, Decision.WAIT])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    start = serializers.DateField(required=False, allow_null=True)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, required=False,
                                              allow_null=True)
    confirm_over_capacity = serializers.BooleanField(required=False, default=False)


class ExitSerializer(VersionSerializer):
    end = serializers.DateField()
    outcome = serializers.ChoiceField(Outcome.choices)


class WeekInSerializer(serializers.Serializer):
    week_start = serializers.DateField(help_text=_("Veckans måndag / the week's Monday"))
    hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                       max_value=2**31 - 1)


class ErrorSerializer(serializers.Serializer):
    fel = serializers.CharField(help_text=_("Felmeddelande på svenska / message in Swedish"))
    falt = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                 required=False)
    version = serializers.IntegerField(required=False, allow_null=True)
