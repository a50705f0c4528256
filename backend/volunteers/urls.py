from django.urls import path

from . import phone_views, views

app_name = "volunteers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("zglos-sie/", phone_views.ApplyView.as_view(), name="apply"),
    path("login/<str:token>/", phone_views.LoginLinkView.as_view(), name="login_link"),
    path("me/", phone_views.MyShiftsView.as_view(), name="my_shifts"),
    path("me/scan/", phone_views.ScanPageView.as_view(), name="scan_page"),
    path("me/scan/check/", phone_views.ScanView.as_view(), name="scan"),
    path("roles/<int:pk>/signup/", phone_views.SignUpView.as_view(), name="signup"),
    path("signups/<int:pk>/cancel/", phone_views.CancelView.as_view(), name="cancel"),
    path("c/<str:token>/", phone_views.CheckinView.as_view(), name="checkin"),
    path("shifts/", views.ShiftListView.as_view(), name="shift_list"),
    path("shifts/new/", views.ShiftCreateView.as_view(), name="shift_create"),
    path("shifts/<int:pk>/", views.ShiftDetailView.as_view(), name="shift_detail"),
    path("shifts/<int:pk>/qr/", views.ShiftQrView.as_view(), name="shift_qr"),
    path("shifts/<int:pk>/help/", views.AskHelpView.as_view(), name="ask_help"),
    path("roles/<int:pk>/assign/", views.AssignView.as_view(), name="assign"),
    path("signups/<int:pk>/<str:action>/", views.SignupActionView.as_view(),
         name="signup_action"),
    path("people/", views.VolunteerListView.as_view(), name="volunteer_list"),
    path("people/new/", views.VolunteerCreateView.as_view(), name="volunteer_create"),
    path("people/<int:pk>/", views.VolunteerDetailView.as_view(), name="profile_detail"),
    path("people/<int:pk>/edit/", views.VolunteerEditView.as_view(), name="profile_edit"),
    path("people/<int:pk>/export/", views.VolunteerExportView.as_view(), name="export"),
    path("people/<int:pk>/pdf/<str:kind>/", views.DocumentView.as_view(), name="document"),
    path("people/<int:pk>/<str:action>/", views.VolunteerActionView.as_view(),
         name="profile_action"),
    path("hours/", views.HoursReportView.as_view(), name="hours"),
    path("standards/", views.StandardsView.as_view(), name="standards"),
    path("interventions/", views.InterventionListView.as_view(), name="interventions"),
]
