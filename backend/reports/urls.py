from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportView.as_view(), name="report"),
    path("summary.pdf", views.YearlyPdfView.as_view(), name="yearly_pdf"),
    path("<slug:key>.<str:fmt>", views.ExportView.as_view(), name="export"),
]
