"""Scope gates of the API: each asks accounts/policy.py; the role's own rules apply after."""

from rest_framework.permissions import BasePermission

from samverka.accounts import policy


class _Gate(BasePermission):
    message = "Klienten saknar behörighet för detta."

    def has_permission(self, request, view):
        return bool(policy.acting_api_client(request.user) is not None
                    and self.allowed(request, view))

    def allowed(self, request, view) -> bool:
        raise NotImplementedError


class ReadsRegister(_Gate):
    """GET for every client that may read the register; writes need register:write."""

    def allowed(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return policy.api_client_may_read_register(request.user)
        return policy.api_client_may(request.user, policy.SCOPE_REGISTER_WRITE)


class ReadsParticipants(_Gate):
    def allowed(self, request, view):
        return policy.api_client_may_read_participants(request.user)


class Refers(_Gate):
    def allowed(self, request, view):
        return policy.api_client_may(request.user, policy.SCOPE_REFERRALS_WRITE)


class Places(_Gate):
    def allowed(self, request, view):
        return policy.api_client_may(request.user, policy.SCOPE_PLACEMENTS_WRITE)


class ReadsStatistics(_Gate):
    def allowed(self, request, view):
        return policy.api_client_may(request.user, policy.SCOPE_STATISTICS_READ)
