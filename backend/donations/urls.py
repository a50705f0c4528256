from django.urls import path

from . import views

app_name = "donations"

urlpatterns = [
    path("", views.DonationListView.as_view(), name="list"),
    path("new/", views.DonationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DonationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DonationEditView.as_view(), name="edit"),
    path("<int:pk>/receipt.pdf", views.DonationReceiptView.as_view(), name="receipt"),
]
