from django.urls import path

from . import views

app_name = "foodaid"
urlpatterns = [
    path("", views.ReferralList.as_view(), name="list"),
    path("new/", views.ReferralCreate.as_view(), name="referral_create"),
    path("<int:pk>/", views.ReferralDetail.as_view(), name="referral_detail"),
    path("<int:pk>/statement/", views.Statement.as_view(), name="statement"),
    path("<int:pk>/correction/", views.Correction.as_view(), name="correction"),
    path("below-share/", views.BelowShare.as_view(), name="below_share"),
    path("import/", views.Import.as_view(), name="import"),
    path("documents/", views.Documents.as_view(), name="documents"),
    path("workshops/<int:pk>/attendance/", views.Attendance.as_view(), name="attendance"),
]
