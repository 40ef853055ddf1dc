"""The record of processing (GDPR art. 30), declared next to the schema so it cannot drift.

Two parts:
1. ACTIVITIES: each processing activity (behandling) with its purpose, legal basis, data
   subjects, recipients and retention; SECURITY_MEASURES apply to all of them.
2. FIELDS: every field of every model in the project – our apps and the third-party apps we
   install – classified by the category of personal data it holds, or NOT_PERSONAL.
   Written as {category: "field field …"} per model, so a model reads as one short block.

A test (tests/papers/test_processing_record.py) walks every field of every installed model and
fails when a field is missing here, when a field named here no longer exists, or when a field
pointing at a person (a participant or a user) is called NOT_PERSONAL. So: when you add a field
to a model, add it here, in the category that fits, and the record follows.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

NOT_PERSONAL = None


@dataclass(frozen=True)
class Category:
    key: str
    label: str = field(compare=False)  # lazy: equal and hashed by KEY whatever the language


IDENTITY = Category("identity", _("Identitetsuppgifter: personnummer eller samordningsnummer, "
                                  "namn"))
DEMOGRAPHY = Category("demography", _("Kön och födelseår"))
SOCIAL = Category("social", _("Uppgifter om insatsen: anvisning, handlingsplan, beslut, "
                              "placering, närvaro, utfall (omfattas av socialtjänstsekretess)"))
ASSESSMENT = Category("assessment", _("Bedömningar av deltagarens progression"))
FREE_TEXT = Category("free_text", _("Fritext som kan innehålla personuppgifter"))
LINK = Category("link", _("Koppling till en person (deltagare, användare)"))
STAFF = Category("staff", _("Namn, e-post och roll för anställda, förtroendevalda och "
                            "företrädare för organisationer"))
CREDENTIALS = Category("credentials", _("Inloggning: användarnamn, lösenordshash, "
                                        "tvåfaktornyckel, sessioner"))
NETWORK = Category("network", _("Teknisk information: IP-adress, webbläsare, tidpunkter"))
LOG = Category("log", _("Loggposter: vem som läste eller ändrade vilken uppgift och när"))


@dataclass(frozen=True)
class Activity:
    key: str
    name: str
    purpose: str
    legal_basis: str
    subjects: str
    recipients: str
    retention: str


PARTICIPATION = Activity(
    "participation", _("Anvisning, deltagande och uppföljning av deltagare"),
    _("Att anvisa personer till insatser inom partnerskapen, besluta om och följa placering, "
      "närvaro och utfall, och följa upp insatserna med statistik där små tal inte visas."),
    _("Artikel 6.1 e (uppgift av allmänt intresse och myndighetsutövning enligt "
      "socialtjänstlagen); artikel 9.2 h för uppgifter om hälsa i fritext."),
    _("Deltagare: personer som anvisas till eller deltar i en insats."),
    _("Handläggare på anvisande enhet; personal hos samverkansparten, bara för sina egna "
      "deltagare och bara med deltagarens samtycke; ingen överföring till tredje land."),
    _("Avidentifieras {years} år efter den senaste händelsen (PARTICIPANT_RETENTION_YEARS)."),
)
ACCOUNTS = Activity(
    "accounts", _("Användarkonton, inloggning och behörigheter"),
    _("Att ge rätt person rätt behörighet och att skydda inloggningen."),
    _("Artikel 6.1 e (kommunens verksamhet) och 6.1 c (krav på säkerhet i "
      "informationshanteringen)."),
    _("Anställda i kommunen och hos samverkansparter, nämndledamöter."),
    _("Systemets administratörer i den egna kommunen; ingen överföring till tredje land."),
    _("Så länge kontot finns; misslyckade inloggningar tills spärrtiden löpt ut."),
)
LOGGING = Activity(
    "logging", _("Åtkomstlogg och ändringslogg"),
    _("Att kunna se i efterhand vem som läst eller ändrat personuppgifter och registret "
      "(kontroll av behörig åtkomst, tillsyn)."),
    _("Artikel 6.1 c och 32 (säkerhet i behandlingen)."),
    _("Användare och de deltagare vars uppgifter lästes eller ändrades."),
    _("Administratörer som granskar loggen; tillsynsmyndighet vid begäran."),
    _("Gallras enligt kommunens dokumenthanteringsplan; systemet gallrar inte loggen själv."),
)
REGISTER = Activity(
    "register", _("Registret över partnerskap, beslut och dialogmöten"),
    _("Att dokumentera överenskommelser, beslut och dialogmöten med de idéburna "
      "organisationerna."),
    _("Artikel 6.1 e (kommunens verksamhet); allmänna handlingar enligt "
      "tryckfrihetsförordningen."),
    _("Förtroendevalda, tjänstepersoner och företrädare för organisationer som nämns i beslut "
      "och mötesanteckningar."),
    _("Nämnden och allmänheten enligt offentlighetsprincipen (efter sekretessprövning); öppna "
      "data innehåller inga personuppgifter."),
    _("Bevaras eller gallras enligt arkivlagen och kommunens dokumenthanteringsplan."),
)
ACTIVITIES = [PARTICIPATION, ACCOUNTS, LOGGING, REGISTER]

SECURITY_MEASURES = [
    _("Behörighet efter roll och enhet, beslutad på ett ställe (accounts/policy.py); "
      "partnerpersonal ser bara egna deltagare."),
    _("Tvåfaktorinloggning för administratörer och partnerskapshandläggare; spärr efter "
      "upprepade misslyckade inloggningar; inloggning via kommunens identitetstjänst."),
    _("Varje visning av personuppgifter loggas i åtkomstloggen; varje ändring i ändringsloggen."),
    _("Personnummer visas maskerat tills det begärs och förekommer aldrig i adresser eller "
      "loggar."),
    _("Små tal (1 till gränsen för röjandekontroll) visas aldrig för nämnd och allmänhet."),
    _("HTTPS med HSTS, säkra cookies, Content-Security-Policy, ingen cachning av sidor med "
      "personuppgifter; automatisk utloggning efter inaktivitet."),
    _("Avidentifiering efter lagringstiden; säkerhetskopior enligt driftinstruktionen."),
]

# --- Every field of every model -----------------------------------------------------------
# label: (activity or None, {category or NOT_PERSONAL: "field names separated by spaces"})

FIELDS = {
    # Django and third-party apps
    "admin.LogEntry": (LOGGING, {LOG: "action_time action_flag object_repr change_message",
                                 LINK: "user", NOT_PERSONAL: "id content_type object_id"}),
    "auth.Permission": (None, {NOT_PERSONAL: "id name content_type codename"}),
    "auth.Group": (None, {NOT_PERSONAL: "id name permissions"}),
    "auth.User": (ACCOUNTS, {
        STAFF: "first_name last_name email",
        CREDENTIALS: "username password last_login date_joined",
        NOT_PERSONAL: "id is_superuser is_staff is_active groups user_permissions"}),
    "contenttypes.ContentType": (None, {NOT_PERSONAL: "id app_label model"}),
    "sessions.Session": (ACCOUNTS, {CREDENTIALS: "session_key session_data expire_date"}),
    "axes.AccessFailureLog": (ACCOUNTS, {
        CREDENTIALS: "username", NETWORK: "user_agent ip_address http_accept path_info "
                                          "attempt_time locked_out", NOT_PERSONAL: "id"}),
    "axes.AccessAttempt": (ACCOUNTS, {
        CREDENTIALS: "username get_data post_data",
        NETWORK: "user_agent ip_address http_accept path_info attempt_time "
                 "failures_since_start", NOT_PERSONAL: "id"}),
    "axes.AccessAttemptExpiration": (ACCOUNTS, {NETWORK: "expires_at", LINK: "access_attempt"}),
    "axes.AccessLog": (ACCOUNTS, {
        CREDENTIALS: "username session_hash",
        NETWORK: "user_agent ip_address http_accept path_info attempt_time logout_time",
        NOT_PERSONAL: "id"}),
    "otp_totp.TOTPDevice": (ACCOUNTS, {
        CREDENTIALS: "name key confirmed throttling_failure_timestamp throttling_failure_count "
                     "created_at last_used_at last_t drift",
        LINK: "user", NOT_PERSONAL: "id step t0 digits tolerance"}),
    # Samverka
    "accounts.Profile": (ACCOUNTS, {STAFF: "role organisation referring_unit", LINK: "user",
                                    NOT_PERSONAL: "id municipality"}),
    "accounts.SignInRule": (None, {NOT_PERSONAL: "id provider claim value municipality role "
                                                 "organisation referring_unit version"}),
    "organisations.Municipality": (None, {NOT_PERSONAL: "id name code"}),
    "organisations.Organisation": (None, {NOT_PERSONAL: "id municipality name short_name kind "
                                                        "org_number idea_register lock_version"}),
    "partnerships.ReferringUnit": (None, {NOT_PERSONAL: "id municipality name "
                                                        "is_self_referral"}),
    "partnerships.Partnership": (REGISTER, {LINK: "responsible_officer deputy_officer",
                                            NOT_PERSONAL: (
        "id municipality name form committee administration purpose target_group newly_arrived "
        "social_assistance age_band gender_focus intensity_band activities places capacity "
        "goal_areas gender_equality legal_form_reasoning lock_version referral_routes")}),
    "partnerships.Party": (None, {NOT_PERSONAL: "id partnership organisation role "
                                                "lock_version"}),
    "partnerships.AgreementVersion": (REGISTER, {FREE_TEXT: "termination_reason", NOT_PERSONAL: (
        "id partnership number kind title start end period_note extension_count "
        "extension_years extensions_used extension_decision_due status change_summary "
        "target_group lock_version terminated_on")}),
    "partnerships.Attachment": (REGISTER, {
        FREE_TEXT: "content file_name", LINK: "uploaded_by",
        NOT_PERSONAL: "id partnership decision meeting kind number content_type size "
                      "uploaded_at version"}),
    "partnerships.Decision": (REGISTER, {
        STAFF: "signatories distribution", FREE_TEXT: "consultation mbl",
        NOT_PERSONAL: "id partnership version body title date date_note registry_number "
                      "points lock_version"}),
    "partnerships.CriterionAssessment": (None, {NOT_PERSONAL: "id version criterion status "
                                                              "motivation lock_version"}),
    "partnerships.ReportedFigure": (None, {NOT_PERSONAL: "id partnership year key number text"}),
    "budgets.Budget": (None, {NOT_PERSONAL: "id version first_year last_year "
                                            "indexation_percent note lock_version"}),
    "budgets.BudgetLine": (None, {NOT_PERSONAL: (
        "id budget party kind description in_kind hours_per_week weeks_per_year hourly_rate "
        "lump_sum at_least derived")}),
    "provenance.SourceDocument": (REGISTER, {
        FREE_TEXT: "title", NOT_PERSONAL: "id municipality file_name registry_number "
                                          "document_date"}),
    "provenance.Claim": (REGISTER, {FREE_TEXT: "value passage",
                                    NOT_PERSONAL: "id content_type object_id field source"}),
    "audit.AuditEvent": (LOGGING, {LOG: "at role action object_type object_id changes "
                                        "api_client",
                                   LINK: "user", NOT_PERSONAL: "id municipality"}),
    "documents.GeneratedMemo": (REGISTER, {
        STAFF: "texts content", LINK: "created_by",
        NOT_PERSONAL: "id municipality version decision number format file_name size sha256 "
                      "created_at"}),
    "documents.MemoDraft": (REGISTER, {
        STAFF: "texts", LINK: "updated_by",
        NOT_PERSONAL: "id municipality version lock_version updated_at"}),
    "api.ApiClient": (ACCOUNTS, {
        CREDENTIALS: "token_hash token_hint last_used_at", LINK: "user",
        NOT_PERSONAL: "id municipality name organisation referring_unit scopes is_active "
                      "created_at version"}),
    "participants.Participant": (PARTICIPATION, {
        IDENTITY: "personal_number first_name last_name identity_kind identity_reason",
        DEMOGRAPHY: "gender birth_year", SOCIAL: "created_at anonymised_at",
        LINK: "id", NOT_PERSONAL: "municipality version"}),
    "participants.Referral": (PARTICIPATION, {
        IDENTITY: "recorded_first_name recorded_last_name", DEMOGRAPHY: "recorded_gender",
        SOCIAL: "partnership referring_unit requested_on planned_hours_per_week "
                "action_plan_reference consent_to_share status decided_on over_capacity "
                "created_at",
        FREE_TEXT: "decline_reason note", LINK: "participant case_worker",
        NOT_PERSONAL: "id municipality version"}),
    "participants.Placement": (PARTICIPATION, {
        SOCIAL: "partnership referral start planned_end end outcome hours_per_week "
                "is_individual_agreement individual_cost created_at stat_route "
                "stat_referred_on stat_repeated",
        DEMOGRAPHY: "stat_gender stat_birth_year", LINK: "participant",
        NOT_PERSONAL: "id municipality version"}),
    "participants.WeeklyActivity": (PARTICIPATION, {
        SOCIAL: "week_start hours", LINK: "placement", NOT_PERSONAL: "id municipality version"}),
    "participants.AccessLogEntry": (LOGGING, {
        LOG: "at action object_type object_id changed_fields detail purpose outcome "
             "within_own_scope api_client",
        STAFF: "username organisation organisation_name referring_unit_name role",
        LINK: "user participant", NOT_PERSONAL: "id municipality"}),
    "followup.DialogueMeeting": (REGISTER, {
        STAFF: "participants", FREE_TEXT: "minutes",
        NOT_PERSONAL: "id municipality partnership date status topic_participants topic_flow "
                      "topic_next_steps topic_development version"}),
    "followup.DashboardSnapshot": (None, {NOT_PERSONAL: "id municipality period_start "
                                                        "period_end computed_at seconds data"}),
    # Counts per partnership and period, no link to a person (as the dashboard's figures).
    "followup.SummaryRow": (None, {NOT_PERSONAL: "id partnership_id municipality_id individual "
                                                 "kind start occupied placements started ended "
                                                 "at_start at_end to_work individual_cost "
                                                 "to_start_n to_start_sum stay_n stay_sum "
                                                 "cells histograms to_start_median "
                                                 "stay_median whole " + " ".join(
                                                     f"month_{n}" for n in range(1, 13))}),
    "followup.SummaryState": (None, {NOT_PERSONAL: "id horizon built"}),
    "impact.Instrument": (None, {NOT_PERSONAL: "id municipality name description"}),
    "impact.InstrumentVersion": (None, {NOT_PERSONAL: "id instrument number status valid_from "
                                                      "change_note"}),
    "impact.Dimension": (None, {NOT_PERSONAL: "id version order key name description "
                                              "scale_min scale_max"}),
    "impact.ScaleStep": (None, {NOT_PERSONAL: "id dimension value label"}),
    "impact.Assessment": (PARTICIPATION, {
        ASSESSMENT: "partnership version date stage assessed_by created_at",
        FREE_TEXT: "comment", LINK: "participant assessor", NOT_PERSONAL: "id municipality"}),
    "impact.Score": (PARTICIPATION, {ASSESSMENT: "dimension value", LINK: "assessment",
                                     NOT_PERSONAL: "id"}),
    "impact.FinancialProxy": (None, {NOT_PERSONAL: "id municipality name amount year unit "
                                                   "source note version"}),
    "impact.SroiCalculation": (None, {NOT_PERSONAL: (
        "id municipality partnership year discount_rate index_percent description updated_at "
        "version")}),
    "impact.SroiOutcome": (None, {NOT_PERSONAL: (
        "id calculation order stakeholder name indicator quantity_source quantity "
        "quantity_note proxy duration deadweight displacement attribution drop_off "
        "rationale")}),
    "impact.SocioeconomicAccount": (None, {NOT_PERSONAL: (
        "id municipality partnership year persons_source persons persons_note discount_rate "
        "drop_off source version")}),
    "impact.ActorCostLine": (None, {NOT_PERSONAL: "id account order actor exclusion_cost "
                                                  "after_cost municipal source"}),
    "ops.ReminderDispatch": (ACCOUNTS, {STAFF: "recipients",
                                        NOT_PERSONAL: "id municipality day reminders sent_at"}),
}


def classification() -> dict[str, tuple[Activity | None, Category | None]]:
    """{"app.Model.field": (activity, category or NOT_PERSONAL)} for every declared field."""
    result = {}
    for model, (activity, groups) in FIELDS.items():
        for category, names in groups.items():
            for name in names.split():
                result[f"{model}.{name}"] = (activity, category)
    return result


# Names for the record where a model or field has no Swedish verbose_name of its own (fields
# declared without one, third-party models). A test fails when a personal field has neither.
FIELD_NAMES = {
    "assessment": _("bedömning"), "confirmed": _("bekräftad"), "created_at": _("skapad"),
    "dimension": _("dimension"), "drift": _("tidsavvikelse"), "key": _("hemlig nyckel"),
    "last_t": _("senast använda tidssteg"), "last_used_at": _("senast använd"),
    "name": _("namn"), "organisation": _("organisation"), "participant": _("deltagare"),
    "placement": _("placering"), "referral": _("anvisning"), "status": _("status"),
    "stat_birth_year": _("födelseår (för statistik)"), "stat_gender": _("kön (för statistik)"),
    "stat_referred_on": _("anvisningsdatum (för statistik)"),
    "stat_repeated": _("upprepad placering (för statistik)"),
    "stat_route": _("anvisningsväg (för statistik)"),
    "throttling_failure_count": _("antal misslyckade försök"),
    "throttling_failure_timestamp": _("senaste misslyckade försök"), "user": _("användare"),
    # django-axes (sign-in attempts)
    "username": _("användarnamn"), "get_data": _("adressens parametrar"),
    "post_data": _("formulärets innehåll (utom lösenord)"),
    "session_hash": _("sessionens kontrollsumma"), "attempt_time": _("tidpunkt"),
    "failures_since_start": _("antal misslyckade inloggningar"),
    "http_accept": _("webbläsarens Accept-rubrik"), "ip_address": _("IP-adress"),
    "path_info": _("sökväg"), "user_agent": _("webbläsare"), "expires_at": _("spärrad till"),
    "locked_out": _("spärrad"), "logout_time": _("utloggning"),
    "access_attempt": _("inloggningsförsök"),
    # Samverka fields without a verbose_name of their own
    "content": _("filens innehåll"), "token_hash": _("nyckelns kontrollsumma"),
}
MODEL_NAMES = {
    "otp_totp.TOTPDevice": _("tvåfaktorenhet"), "axes.AccessAttempt": _("inloggningsförsök"),
    "axes.AccessAttemptExpiration": _("spärrtid efter inloggningsförsök"),
    "axes.AccessFailureLog": _("misslyckad inloggning"), "axes.AccessLog": _("inloggningslogg"),
    "sessions.Session": _("session"), "admin.LogEntry": _("ändring i Django admin"),
}
