from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from certificates import views as certificate_views
from filings.views import unit as filing_views
from filings.views.password_reset import (
    LockoutLiftingPasswordResetConfirmView,
    ThrottledPasswordResetView,
)

admin.site.site_header = "1+X证书制度试点报送平台 管理"
admin.site.site_title = "试点报送平台管理"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("", filing_views.home, name="home"),
    path("directory/", include("certificates.urls")),
    path("help/", certificate_views.help_page, name="help"),
    path("", include("filings.urls")),
    # Before Django's own: the same URL and name, with limits and the portal's e-mail.
    path(
        "accounts/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        LockoutLiftingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Django's views in the portal's layout; the admin keeps its own templates of these names.
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/change_password_form.html"
        ),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/change_password_done.html"
        ),
        name="password_change_done",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    # The Web API (issue #14): its OpenAPI 3 schema, the documentation page, version 1.
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "api/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("api/v1/", include("certificates.api.urls")),
    path("api/v1/", include("filings.api.urls")),
]
