from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from backend.common import pwa
from backend.common import views as common_views

# The API first and the two apps mounted at the root last: Django tries the patterns in
# order and lists every one it tried, so a door request (/api/v1/handovers/...) no longer
# walks the people and stock pages first (issue 18).
urlpatterns = [
    path("api/v1/", include(("backend.api", "api"), namespace="api")),
    path("", common_views.HomeView.as_view(), name="home"),
    path("dostepnosc/", common_views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("accounts/", include("backend.accounts.urls")),
    path("donations/", include("backend.donations.urls")),
    path("sms/", include("backend.notifications.urls")),
    path("drives/", include("backend.drives.urls")),
    path("exchange/", include("backend.exchange.urls")),
    path("volunteers/", include("backend.volunteers.urls")),
    path("events/", include("backend.events.urls")),
    path("camps/", include("backend.camps.urls")),
    path("reports/", include("backend.reports.urls")),
    path("food-aid/", include("backend.foodaid.urls")),
    path("partners/", include("backend.partners.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # The schema lists every endpoint and field: for logged-in users (session or token) only.
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
         name="schema"),
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")),
         name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("backend.people.urls")),
    path("", include("backend.inventory.urls")),
]

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
