from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerList.as_view(), name="list"),
    path("<int:pk>/", views.PartnerDetail.as_view(), name="detail"),
    path("my-point/", views.MyPoint.as_view(), name="my_point"),
    path("drives/<int:pk>/transfer/", views.DriveTransfer.as_view(), name="transfer"),
    path("transfers/<int:pk>/protocol/", views.Protocol.as_view(), name="protocol"),
]
