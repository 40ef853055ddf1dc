from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from samverka.accounts import otp_views, sso_views
from samverka.accounts.admin import lock_down

lock_down(admin.site)  # read-only for every model, third-party apps' too

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", sso_views.LoginView.as_view(), name="login"),  # + municipal sign-in
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/engangskod/", otp_views.verify, name="otp_verify"),
    path("login/tvafaktor/", otp_views.enrol, name="otp_enrol"),
    path("deltagare/", include("samverka.participants.urls")),
    path("uppfoljning/", include("samverka.followup.urls")),
    path("effekt/", include("samverka.impact.urls")),
    path("dokument/", include("samverka.documents.urls")),
    path("anvandare/", include("samverka.accounts.urls")),
    path("oppna-data/", include("samverka.opendata.urls")),
    path("", include("samverka.papers.urls")),  # accessibility statement, processing record
    path("api-klienter/", include("samverka.api.admin_urls")),
    path("api/v1/", include("samverka.api.urls")),
    path("", include("samverka.worklist.urls")),  # "/": the start page with the worklist
    path("", include("samverka.partnerships.urls")),
]
urlpatterns.insert(0, path("", include("samverka.ops.urls")))  # /healthz (issue 16)
urlpatterns.insert(0, path("sso/", include("samverka.accounts.sso_urls")))  # municipal sign-in

# A bad query parameter or any other SuspiciousOperation: the Swedish 400 page with navigation.
handler400 = "samverka.core.params.bad_request"
handler403 = "samverka.core.errors.permission_denied"
handler404 = "samverka.core.errors.page_not_found"
handler500 = "samverka.core.errors.server_error"
