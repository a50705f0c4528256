from django.urls import path

from . import door, public, views

app_name = "events"
urlpatterns = [
    path("", views.EventList.as_view(), name="list"),
    path("new/", views.EventCreate.as_view(), name="create"),
    path("<int:pk>/", views.EventDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EventEdit.as_view(), name="edit"),
    path("<int:pk>/do/<slug:action>/", views.EventAction.as_view(), name="action"),
    path("<int:pk>/registrations/", views.Registrations.as_view(), name="registrations"),
    path("<int:pk>/register/", views.Register.as_view(), name="register"),
    path("<int:pk>/participants/<int:participant_id>/<slug:action>/",
         views.ParticipantAction.as_view(), name="participant_action"),
    path("<int:pk>/invite/", views.Invite.as_view(), name="invite"),
    path("<int:pk>/list/", views.ListDocument.as_view(), name="list_pdf"),
    path("<int:pk>/report/", views.Report.as_view(), name="report"),
    path("<int:pk>/wishes/", views.Wishes.as_view(), name="wishes"),
    path("<int:pk>/gifts/", views.GiftIntake.as_view(), name="gift_intake"),
    path("gift/<str:token>/", views.GiftScan.as_view(), name="gift_scan"),
    path("<int:pk>/checkin/", door.CheckInPage.as_view(), name="checkin"),
    path("<int:pk>/checkin/scan/", door.CheckInScan.as_view(), name="checkin_scan"),
    path("<int:pk>/checkin/walk-in/", door.WalkIn.as_view(), name="walk_in"),
    path("<int:pk>/prezenty/", public.PledgePage.as_view(), name="public_pledge"),
    path("darczyncy/<str:token>/etykiety/", public.PledgeLabels.as_view(),
         name="pledge_labels"),
]
