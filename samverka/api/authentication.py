"""Authorization: Bearer <token> for API clients. Only the token's hash is looked up."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiClient, token_hash


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != self.keyword.lower().encode() or len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ogiltig Authorization-rubrik."))
        try:
            token = header[1].decode("ascii")
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Ogiltig nyckel.")) from error
        client = ApiClient.objects.select_related(
            "user__profile__organisation", "user__profile__referring_unit"
        ).filter(token_hash=token_hash(token)).first()
        if client is None or not client.is_active or not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("Ogiltig eller inaktiv nyckel."))
        user = client.user
        user.acting_api_client = client  # read by policy, audit and access log
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return user, client

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "API-klientens nyckel / the API client's token"}
