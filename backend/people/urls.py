from django.urls import path

from . import import_views, privacy_views, views

app_name = "people"

urlpatterns = [
    path("households/", views.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", views.HouseholdCreateView.as_view(), name="household_create"),
    path("households/import/", import_views.ImportUploadView.as_view(), name="import_upload"),
    path("households/import/<int:pk>/", import_views.ImportPreviewView.as_view(),
         name="import_preview"),
    path("households/import/<int:pk>/progress/", import_views.ImportProgressView.as_view(),
         name="import_progress"),
    path("households/import/<int:pk>/bad-rows.csv", import_views.ImportBadRowsView.as_view(),
         name="import_bad_rows"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/edit/", views.HouseholdEditView.as_view(), name="household_edit"),
    path("households/<int:pk>/delete/", views.HouseholdDeleteView.as_view(),
         name="household_delete"),
    path("households/<int:pk>/anonymise/", views.HouseholdAnonymiseView.as_view(),
         name="household_anonymise"),
    path("households/<int:pk>/export.json", privacy_views.HouseholdExportView.as_view(),
         name="household_export"),
    path("households/<int:pk>/export.pdf", privacy_views.HouseholdExportView.as_view(
        as_pdf=True), name="household_export_pdf"),
    path("donors/<int:pk>/export.json", privacy_views.DonorExportView.as_view(),
         name="donor_export"),
    path("donors/<int:pk>/export.pdf", privacy_views.DonorExportView.as_view(as_pdf=True),
         name="donor_export_pdf"),
    path("donors/<int:pk>/anonymise/", privacy_views.DonorAnonymiseView.as_view(),
         name="donor_anonymise"),
    path("privacy/register/", privacy_views.PrivacyRegisterView.as_view(),
         name="privacy_register"),
    path("households/<int:pk>/members/", views.MemberAddView.as_view(), name="member_add"),
    path("persons/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("persons/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person_delete"),
    path("donors/", views.DonorListView.as_view(), name="donor_list"),
    path("donors/new/", views.DonorCreateView.as_view(), name="donor_create"),
    path("donors/<int:pk>/", views.DonorDetailView.as_view(), name="donor_detail"),
    path("donors/<int:pk>/edit/", views.DonorEditView.as_view(), name="donor_edit"),
]
