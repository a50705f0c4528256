from django.urls import path

from . import category_views, public_views, views

app_name = "exchange"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("oddaj/", public_views.PublicOfferView.as_view(), name="public_offer"),
    path("potrzebujemy/", public_views.DemandView.as_view(), name="demand"),
    path("offers/", views.OfferListView.as_view(), name="offer_list"),
    path("offers/new/", views.OfferCreateView.as_view(), name="offer_create"),
    path("offers/gallery/", views.GalleryView.as_view(), name="gallery"),
    path("offers/<int:pk>/", views.OfferDetailView.as_view(), name="offer_detail"),
    path("offers/<int:pk>/edit/", views.OfferEditView.as_view(), name="offer_edit"),
    path("offers/<int:pk>/match/<int:request_pk>/", views.MatchConfirmView.as_view(),
         name="match_confirm"),
    path("offers/<int:pk>/transport/", views.PlanTransportView.as_view(), name="plan_transport"),
    path("offers/<int:pk>/<str:action>/", views.OfferActionView.as_view(), name="offer_action"),
    path("matches/<int:pk>/protocol.pdf", views.ProtocolView.as_view(), name="protocol"),
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/<str:action>/", views.RequestActionView.as_view(),
         name="request_action"),
    path("categories/", category_views.CategoryView.as_view(), name="categories"),
    path("transport/", views.TaskListView.as_view(), name="task_list"),
    path("runs/", views.RunSheetView.as_view(), name="run_sheet"),
    path("runs/<int:pk>/scan/", views.TaskScanView.as_view(), name="task_scan"),
]
