"""The API under /api/v1/: each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.accounts.api import CurrentUserView, SiteViewSet
from backend.notifications.api import (
    OptOutViewSet,
    OutboxMessageViewSet,
    SmsBatchViewSet,
    SmsTemplateViewSet,
)
from backend.people.api import DonorViewSet, HouseholdViewSet, PersonViewSet

router = DefaultRouter()
router.register("sites", SiteViewSet, basename="site")
router.register("households", HouseholdViewSet, basename="household")
router.register("persons", PersonViewSet, basename="person")
router.register("donors", DonorViewSet, basename="donor")
router.register("sms/templates", SmsTemplateViewSet, basename="smstemplate")
router.register("sms/batches", SmsBatchViewSet, basename="smsbatch")
router.register("sms/messages", OutboxMessageViewSet, basename="outboxmessage")
router.register("sms/opt-outs", OptOutViewSet, basename="optout")

urlpatterns = [path("me/", CurrentUserView.as_view(), name="me"), *router.urls]
