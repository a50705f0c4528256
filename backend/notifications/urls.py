from django.urls import path

from . import views, webhooks

app_name = "notifications"

urlpatterns = [
    path("webhooks/status/", webhooks.status_callback, name="webhook_status"),
    path("webhooks/inbound/", webhooks.inbound, name="webhook_inbound"),
    path("templates/", views.TemplateListView.as_view(), name="template_list"),
    path("templates/new/", views.TemplateEditView.as_view(), name="template_create"),
    path("templates/<int:pk>/", views.TemplateEditView.as_view(), name="template_edit"),
    path("analyse/", views.AnalyseView.as_view(), name="analyse"),
    path("sandbox/", views.SandboxView.as_view(), name="sandbox"),
    path("sandbox/reply/", views.SimulateReplyView.as_view(), name="simulate_reply"),
    path("messages/<int:pk>/status/", views.SimulateStatusView.as_view(),
         name="simulate_status"),
    path("unknown/", views.UnknownListView.as_view(), name="unknown"),
    path("unknown/<int:pk>/", views.SettleUnknownView.as_view(), name="settle_unknown"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/new/", views.BatchCreateView.as_view(), name="batch_create"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("batches/<int:pk>/unreachable.csv", views.BatchUnreachableCsvView.as_view(),
         name="batch_unreachable"),
    path("batches/<int:pk>/<str:action>/", views.BatchActionView.as_view(),
         name="batch_action"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/handled/", views.InboxHandleView.as_view(), name="inbox_handle"),
    path("persons/<int:pk>/", views.PersonTimelineView.as_view(), name="person_timeline"),
]
