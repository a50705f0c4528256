from django.urls import path

from . import delivery_views, edit_views, views

app_name = "drives"
urlpatterns = [
    path("", views.DriveList.as_view(), name="list"),
    path("new/", edit_views.DriveCreate.as_view(), name="create"),
    path("<int:pk>/", views.DriveDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", edit_views.DriveEdit.as_view(), name="edit"),
    path("<int:pk>/targets/<int:target_id>/edit/", edit_views.TargetEdit.as_view(),
         name="target_edit"),
    path("<int:pk>/slots/<int:slot_id>/edit/", edit_views.SlotEdit.as_view(), name="slot_edit"),
    path("<int:pk>/targets/<int:target_id>/delete/", edit_views.TargetDelete.as_view(),
         name="target_delete"),
    path("<int:pk>/do/<slug:action>/", views.DriveAction.as_view(), name="action"),
    path("<int:pk>/enrol/", views.Enrol.as_view(), name="enrol"),
    path("<int:pk>/enrolments/", views.Enrolments.as_view(), name="enrolments"),
    path("<int:pk>/allocate/", views.Allocate.as_view(), name="allocate"),
    path("<int:pk>/allocations/<int:allocation_id>/correct/", views.Correct.as_view(),
         name="correct"),
    path("<int:pk>/enrolments/<int:enrolment_id>/reschedule/", views.Reschedule.as_view(),
         name="reschedule"),
    path("<int:pk>/enrolments/<int:enrolment_id>/delivery/", views.Delivery.as_view(),
         name="delivery"),
    path("<int:pk>/handover/", views.HandOverPage.as_view(), name="handover"),
    path("<int:pk>/handover/lookup/", views.HandOverLookup.as_view(), name="handover_lookup"),
    path("<int:pk>/handover/<int:enrolment_id>/", views.HandOverConfirm.as_view(),
         name="handover_confirm"),
    path("<int:pk>/list/", views.ListDocument.as_view(), name="list_pdf"),
    path("<int:pk>/report/", views.Report.as_view(), name="report"),
    path("<int:pk>/progress/", views.PublicProgress.as_view(), name="public_progress"),
    path("packing/", views.PackingStation.as_view(), name="packing"),
    path("<int:pk>/deliveries/", delivery_views.DeliveryPlan.as_view(), name="deliveries"),
    path("deliveries/mine/", delivery_views.MyDeliveries.as_view(), name="my_deliveries"),
    path("deliveries/stops/<int:pk>/<slug:action>/", delivery_views.StopAction.as_view(),
         name="stop_action"),
]
