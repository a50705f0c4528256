"""The API under /api/v1/: each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.accounts.api import CurrentUserView, SiteViewSet
from backend.camps import api as camps_api
from backend.distribution.api import (
    AllocationViewSet,
    EnrolmentViewSet,
    HandOverViewSet,
    PickupSlotViewSet,
)
from backend.donations.api import DonationViewSet
from backend.drives.api import DriveViewSet, TargetViewSet
from backend.events import api as events_api
from backend.exchange import api as exchange_api
from backend.foodaid import api as foodaid_api
from backend.inventory import api as inventory_api
from backend.notifications.api import (
    OptOutViewSet,
    OutboxMessageViewSet,
    SmsBatchViewSet,
    SmsTemplateViewSet,
)
from backend.people.api import DonorViewSet, HouseholdViewSet, PersonViewSet
from backend.reports.api import ReportAPIView, ReportTableAPIView
from backend.volunteers import api as volunteers_api

# No `.json` suffix routes: they doubled the patterns every request is matched against.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("sites", SiteViewSet, basename="site")
router.register("households", HouseholdViewSet, basename="household")
router.register("persons", PersonViewSet, basename="person")
router.register("donors", DonorViewSet, basename="donor")
router.register("sms/templates", SmsTemplateViewSet, basename="smstemplate")
router.register("sms/batches", SmsBatchViewSet, basename="smsbatch")
router.register("sms/messages", OutboxMessageViewSet, basename="outboxmessage")
router.register("sms/opt-outs", OptOutViewSet, basename="optout")
router.register("categories", inventory_api.CategoryViewSet, basename="category")
router.register("items", inventory_api.ItemViewSet, basename="item")
router.register("locations", inventory_api.LocationViewSet, basename="location")
router.register("lots", inventory_api.LotViewSet, basename="lot")
router.register("units", inventory_api.UnitViewSet, basename="unit")
router.register("balances", inventory_api.BalanceViewSet, basename="balance")
router.register("movements", inventory_api.MovementViewSet, basename="movement")
router.register("donations", DonationViewSet, basename="donation")
router.register("drives", DriveViewSet, basename="drive")
router.register("drive-targets", TargetViewSet, basename="drivetarget")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("allocations", AllocationViewSet, basename="allocation")
router.register("pickup-slots", PickupSlotViewSet, basename="pickupslot")
router.register("handovers", HandOverViewSet, basename="handover")
router.register("exchange/offers", exchange_api.OfferViewSet, basename="exchange-offer")
router.register("exchange/requests", exchange_api.RequestViewSet, basename="exchange-request")
router.register("exchange/matches", exchange_api.MatchViewSet, basename="exchange-match")
router.register("exchange/transport", exchange_api.TransportTaskViewSet,
                basename="exchange-transport")
router.register("volunteers", volunteers_api.VolunteerViewSet, basename="volunteer")
router.register("volunteer-shifts", volunteers_api.ShiftViewSet, basename="volunteer-shift")
router.register("volunteer-signups", volunteers_api.SignupViewSet, basename="volunteer-signup")
router.register("events", events_api.EventViewSet, basename="event")
router.register("food-aid/referrals", foodaid_api.ReferralViewSet, basename="referral")
router.register("food-aid/ration-entries", foodaid_api.RationEntryViewSet,
                basename="rationentry")
router.register("event-sessions", events_api.SessionViewSet, basename="eventsession")
router.register("event-registrations", events_api.RegistrationViewSet,
                basename="eventregistration")
router.register("event-wishes", events_api.WishViewSet, basename="eventwish")
router.register("event-pledges", events_api.PledgeViewSet, basename="eventpledge")
router.register("event-checkins", events_api.CheckInViewSet, basename="eventcheckin")
router.register("camps/camps", camps_api.CampViewSet, basename="camp")
router.register("camps/sessions", camps_api.CampSessionViewSet, basename="campsession")
router.register("camps/applications", camps_api.ApplicationViewSet, basename="campapplication")
router.register("camps/health-cards", camps_api.HealthCardViewSet, basename="camphealthcard")
router.register("camps/qualifications", camps_api.QualificationRunViewSet,
                basename="campqualification")
router.register("camps/participants", camps_api.CampParticipantViewSet,
                basename="campparticipant")
router.register("camps/checkins", camps_api.CampCheckInViewSet, basename="campcheckin")
router.register("camps/sponsorships", camps_api.SponsorshipViewSet,
                basename="campsponsorship")
router.register("camps/days", camps_api.CampDayViewSet, basename="campday")
router.register("camps/day-signups", camps_api.DaySignupViewSet, basename="campdaysignup")
router.register("camps/outfits", camps_api.OutfitViewSet, basename="campoutfit")

urlpatterns = [
    path("me/", CurrentUserView.as_view(), name="me"),
    path("reports/", ReportAPIView.as_view(), name="reports"),
    path("reports/<slug:key>/", ReportTableAPIView.as_view(), name="report-table"),
    path("scan/resolve/", inventory_api.ScanResolveAPIView.as_view(), name="scan-resolve"),
    path("scan/action/", inventory_api.ScanActionAPIView.as_view(), name="scan-action"),
    *router.urls,
]
