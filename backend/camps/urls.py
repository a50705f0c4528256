from django.urls import path

from . import door, public, views

app_name = "camps"
urlpatterns = [
    path("", views.CampList.as_view(), name="list"),
    path("new/", views.CampCreate.as_view(), name="create"),
    path("<int:pk>/", views.CampDetail.as_view(), name="detail"),
    path("<int:pk>/do/<slug:action>/", views.CampAction.as_view(), name="action"),
    path("<int:pk>/applications/", views.Applications.as_view(), name="applications"),
    path("<int:pk>/apply/", views.Apply.as_view(), name="apply"),
    path("<int:pk>/applications/<int:aid>/", views.ApplicationDetail.as_view(),
         name="application"),
    path("<int:pk>/applications/<int:aid>/card.pdf", views.CardPdf.as_view(), name="card_pdf"),
    path("<int:pk>/applications/<int:aid>/scan/", views.SignedScan.as_view(),
         name="signed_scan"),
    path("<int:pk>/applications/<int:aid>/<slug:action>/", views.ApplicationAction.as_view(),
         name="application_action"),
    path("<int:pk>/qualification/", views.Qualification.as_view(), name="qualification"),
    path("<int:pk>/report/", views.Report.as_view(), name="report"),
    path("<int:pk>/sessions/<int:sid>/", views.SessionDetail.as_view(), name="session"),
    path("<int:pk>/sessions/<int:sid>/edit/", views.SessionEdit.as_view(), name="session_edit"),
    path("<int:pk>/sessions/<int:sid>/notice/<slug:which>/", views.BusNotice.as_view(),
         name="bus_notice"),
    path("<int:pk>/sessions/<int:sid>/shift/", views.DepartureShift.as_view(), name="shift"),
    path("<int:pk>/sessions/<int:sid>/list.pdf", views.BusListPdf.as_view(), name="bus_pdf"),
    path("<int:pk>/sessions/<int:sid>/bus/", door.BusPage.as_view(), name="bus"),
    path("<int:pk>/sessions/<int:sid>/bus/scan/", door.BusScan.as_view(), name="bus_scan"),
    path("<int:pk>/zgloszenie/", public.PublicApply.as_view(), name="public_apply"),
]

from . import views_days, views_funding  # noqa: E402 - funding and day activities

urlpatterns += [
    path("<int:pk>/funding/", views_funding.Funding.as_view(), name="funding"),
    path("<int:pk>/funding/do/<slug:action>/", views_funding.FundingAction.as_view(),
         name="funding_action"),
    path("<int:pk>/funding/<int:spid>/letter.pdf", views_funding.ThankYouPdf.as_view(),
         name="thank_you"),
    path("<int:pk>/sessions/<int:sid>/days/", views_days.Programme.as_view(), name="days"),
    path("<int:pk>/sessions/<int:sid>/days/add/", views_days.AddDay.as_view(),
         name="day_add"),
    path("<int:pk>/sessions/<int:sid>/days/<int:did>/", views_days.DayPage.as_view(),
         name="day"),
    path("<int:pk>/sessions/<int:sid>/days/<int:did>/signup/", views_days.SignUp.as_view(),
         name="day_signup"),
    path("<int:pk>/sessions/<int:sid>/days/<int:did>/present/<int:sgid>/",
         views_days.Present.as_view(), name="day_present"),
]
