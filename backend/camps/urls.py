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
