"""Event pages for coordinators (thin: the work is in services, invitations, pledges)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from backend.accounts import scope
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404, int_or_none
from backend.common.views import ObjectListView, ProtectedMixin
from backend.distribution.models import Participant
from backend.people.models import Household
from backend.people.selectors import visible_households
from backend.volunteers import selectors as volunteer_selectors

from . import documents, invitations, pledges, selectors, services, takeaway
from .filters import EventFilterSet, InviteFilterSet, ParticipantFilterSet, WishFilterSet
from .forms import BandForm, DetailsForm, EventForm, SessionForm, TakeawayForm
from .models import Event, Session, Wish


class EventList(scope.ScopedQuerysetMixin, ObjectListView):
    permission_required = "events.view_event"
    queryset = Event.objects.select_related("site")
    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    table_template = "events/partials/event_table.html"
    export_columns = [("name", gettext_lazy("name")), ("get_kind_display", gettext_lazy("kind")),
                      ("date", gettext_lazy("date")),
                      ("get_status_display", gettext_lazy("status"))]
    export_filename = "wydarzenia"


class EventCreate(ProtectedMixin, View):
    permission_required = "events.add_event"

    def get(self, request):
        return render(request, "events/event_form.html", {"form": EventForm()})

    def post(self, request):
        form = EventForm(request.POST)
        if not form.is_valid():
            return render(request, "events/event_form.html", {"form": form})
        data = dict(form.cleaned_data)
        event = services.create_event(request.user, coordinators=data.pop("coordinators"),
                                      flags=data.pop("flags"), **data)
        return redirect(event)


class EventMixin(ProtectedMixin):
    def dispatch(self, request, pk, *args, **kwargs):
        if not request.user.is_authenticated:  # the log-in page, not a 404 from the scope
            return self.handle_no_permission()
        self.event = get_object_or_404(scope.visible(
            Event.objects.select_related("distribution", "site"), request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)


class EventEdit(EventMixin, View):
    permission_required = "events.change_event"

    def get(self, request):
        return render(request, "events/event_form.html",
                      {"form": EventForm(instance=self.event), "event": self.event})

    def post(self, request):
        form = EventForm(request.POST, instance=self.event)
        if not form.is_valid():
            return render(request, "events/event_form.html", {"form": form, "event": self.event})
        services.update_event(request.user, self.event, form)
        return redirect(self.event)


class EventDetail(EventMixin, TemplateView):
    permission_required = "events.view_event"
    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.event
        return {**super().get_context_data(**kwargs), "event": event,
                "sessions": selectors.sessions_with_counts(event),
                "bands": event.bands.select_related("item"),
                "session_form": SessionForm(), "band_form": BandForm(),
                "wishes": [(Wish.Status(s).label, n)
                           for s, n in selectors.wish_counts(event).items()],
                "next_status": _next_label(event),
                "shifts": volunteer_selectors.shifts_for(event),
                "takeaway": len(takeaway.takeaway_households(event)),
                "takeaway_form": TakeawayForm()}


def _next_label(event: Event) -> str:
    flow = Event.FLOW
    index = flow.index(event.status)
    return str(Event.Status(flow[index + 1]).label) if index + 1 < len(flow) else ""


class EventAction(EventMixin, View):
    """POST buttons: advance, add a session or a band, offer places, expire, thank."""

    permission_required = "events.change_event"

    def get(self, request, action: str):
        if action not in selectors.CONFIRM:
            raise Http404
        title, summary = selectors.confirmation(request.user, self.event, action)
        return render(request, "notifications/confirm.html", {
            "title": title, "subject": self.event.name, "summary": summary,
            "confirm_action": request.path, "cancel_url": self.event.get_absolute_url(),
            "confirm_button": title})

    def post(self, request, action: str):
        event, user = self.event, request.user
        if action in selectors.CONFIRM and request.POST.get("confirmed") != "1":
            return redirect(request.path)  # never on one click: show what it will do
        try:
            if action == "advance":
                services.advance(user, event)
            elif action == "session":
                form = SessionForm(request.POST)
                if form.is_valid():
                    services.add_session(user, event, form.save(commit=False))
                else:
                    messages.error(request, form.errors.as_text())
            elif action == "band":
                form = BandForm(request.POST)
                if form.is_valid():
                    services.add_band(user, event, form.save(commit=False))
                else:
                    messages.error(request, form.errors.as_text())
            elif action == "offer":
                count = services.offer_places(user, event)
                messages.success(request, _("Places offered by SMS: %(n)s.") % {"n": count})
            elif action == "expire":
                count = services.expire_offers(user, event)
                messages.success(request, _("Expired offers: %(n)s.") % {"n": count})
            elif action == "takeaway":
                form = TakeawayForm(request.POST)
                if not form.is_valid():
                    messages.error(request, form.errors.as_text())
                else:
                    drive, added = takeaway.hand_to_delivery(user, event,
                                                             form.cleaned_data["item"])
                    messages.success(request, _(
                        "Take-away households added to the deliveries: %(n)s.") % {"n": added})
                    return redirect(drive)
            elif action == "thank":
                count = pledges.thank(user, event)
                messages.success(request, _("Pledgers thanked: %(n)s.") % {"n": count})
            else:
                raise Http404
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect(event)


class Registrations(EventMixin, ObjectListView):
    permission_required = "distribution.view_participant"
    filterset_class = ParticipantFilterSet
    template_name = "events/registrations.html"
    table_template = "events/partials/registration_table.html"
    default_per_page = 50
    export_columns = [("code", gettext_lazy("check-in code")),
                      ("first_name", gettext_lazy("first name")),
                      ("person.last_name", gettext_lazy("last name")),
                      ("get_status_display", gettext_lazy("status"))]
    export_filename = "zapisy"

    def get_queryset(self):
        return selectors.participants(self.event).select_related(
            "person", "household", "wish").prefetch_related("gifts__item").order_by(
            "group", "status", "position", "id")

    def get_context_data(self, **kwargs):
        sessions = {s.pk: s for s in self.event.sessions.all()}
        return {**super().get_context_data(**kwargs), "event": self.event,
                "sessions": sessions, "details_form": DetailsForm()}


class Register(EventMixin, View):
    """Register people of one household by hand (a phone call, the office)."""

    permission_required = "distribution.add_participant"

    def get(self, request):
        household = visible_households(request.user).filter(
            pk=int_or_none(request.GET.get("household")) or 0).prefetch_related("members").first()
        return render(request, "events/register.html", {
            "event": self.event, "household": household,
            "sessions": selectors.sessions_with_counts(self.event),
            "eligible": invitations.eligible_persons(self.event, household)
            if household else [],
            "found": visible_households(request.user).filter(
                display_name__icontains=request.GET.get("q", "")).filter(
                status=Household.Status.ACTIVE)[:20] if request.GET.get("q") else []})

    def post(self, request):
        household = get_object_or_404(visible_households(request.user),
                                      pk=request.POST.get("household") or 0)
        session = get_object_or_404(Session, event=self.event, pk=request.POST.get("session") or 0)
        ids = {int(i) for i in request.POST.getlist("person") if i.isdigit()}
        persons = [p for p in invitations.eligible_persons(self.event, household)
                   if p.pk in ids]  # only who may take part
        from backend.distribution.services import contact_for

        try:
            rows = services.register_people(request.user, self.event, session, persons,
                                            household=household, contact=contact_for(household))
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("events:register", pk=self.event.pk)
        waiting = sum(1 for p in rows if p.status == Participant.Status.WAITING)
        messages.success(request, _("Registered: %(n)s, waiting list: %(w)s.") % {
            "n": len(rows) - waiting, "w": waiting})
        return redirect("events:registrations", pk=self.event.pk)


class ParticipantAction(EventMixin, View):
    permission_required = "distribution.change_participant"

    def post(self, request, participant_id: int, action: str):
        participant = get_object_or_404(Participant, pk=participant_id,
                                        distribution=self.event.distribution)
        try:
            if action == "cancel":
                services.cancel(request.user, participant)
                messages.success(request, _("Cancelled; the place was offered on."))
            elif action == "details":
                form = DetailsForm(request.POST)
                if form.is_valid():
                    services.set_details(request.user, participant, form.cleaned_data)
            else:
                raise Http404
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("events:registrations", pk=self.event.pk)


class Invite(EventMixin, View):
    """Choose recipients with filters → preview → confirm (POST) → queued SMS."""

    permission_required = "events.add_invitation"

    def _state(self, request, data):
        households = invitations.candidates(self.event, visible_households(request.user))
        filterset = InviteFilterSet(data or None, queryset=households, request=request,
                                    event=self.event)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else households
        session = Session.objects.filter(event=self.event,
                                         pk=int_or_none(data.get("session")) or 0).first() \
            or self.event.sessions.first()
        return filterset, rows, session

    def get(self, request):
        filterset, rows, session = self._state(request, request.GET)
        preview = invitations.preview(self.event, session, rows) if session else None
        return render(request, "events/invite.html", {
            "event": self.event, "filterset": filterset, "preview": preview,
            "session": session, "sessions": self.event.sessions.all(),
            "query": request.GET.urlencode()})

    def post(self, request):
        filterset, rows, session = self._state(request, request.POST)
        if session is None or request.POST.get("confirm") != "1":
            return redirect("events:invite", pk=self.event.pk)
        try:
            count = invitations.send(request.user, self.event, session, rows)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("events:invite", pk=self.event.pk)
        messages.success(request, _("Invitations queued: %(n)s.") % {"n": count})
        return redirect(self.event)


class ListDocument(EventMixin, View):
    """The list to print for the door: first name, code and its QR, session, gift."""

    permission_required = "distribution.view_participant"

    def get(self, request):
        response = HttpResponse(documents.door_list_pdf(self.event),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="lista-wejscia.pdf"'
        return response


class Report(EventMixin, TemplateView):
    permission_required = "events.view_event"
    template_name = "events/report.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event,
                "report": selectors.report(self.event),
                "lists": documents.wigilia_lists(self.event)}


class Wishes(EventMixin, ObjectListView):
    permission_required = "events.view_wish"
    filterset_class = WishFilterSet
    template_name = "events/wishes.html"
    table_template = "events/partials/wish_table.html"
    default_per_page = 50

    def get_queryset(self):
        return Wish.objects.filter(event=self.event).select_related("pledge")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from backend.donations.models import DonationLine

        wishes = list(context["object_list"])
        receipts = dict(DonationLine.objects.filter(
            lot_id__in=[w.lot_id for w in wishes if w.lot_id]).values_list("lot_id",
                                                                          "donation_id"))
        for wish in wishes:  # the donor's receipt (donations app), if they asked for one
            wish.donation_id = receipts.get(wish.lot_id)
        return {**context, "object_list": wishes, "event": self.event,
                "counts": selectors.wish_counts(self.event),
                "statuses": Wish.Status.choices}


class GiftScan(ProtectedMixin, View):
    """A pledged gift's label: a phone camera opens this address; the intake scanner
    posts the code. POST receives it (donation intake + reservation for the child)."""

    permission_required = "events.manage_pledges"

    def get(self, request, token: str):
        wish = get_object_or_404(Wish.objects.select_related("event"), token=token)
        return render(request, "events/gift_receive.html", {"wish": wish, "event": wish.event})

    def post(self, request, token: str):
        wish = get_object_or_404(Wish, token=token)
        try:
            pledges.receive(request.user, wish)
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("events:gift_scan", token=token)


class GiftIntake(EventMixin, View):
    """Scan the labels of arriving gifts one after another (camera, wedge or number)."""

    permission_required = "events.manage_pledges"

    def get(self, request):
        return render(request, "events/gift_intake.html", {"event": self.event})

    def post(self, request):
        wish = pledges.wish_for_code(request.POST.get("code", ""))
        outcome = "unknown"
        if wish is not None and wish.event_id == self.event.pk:
            before = wish.status
            try:
                wish = pledges.receive(request.user, wish)
                outcome = "received" if before == Wish.Status.PLEDGED else "already"
            except ServiceError as exc:
                messages.error(request, exc.message)
                outcome = "error"
        else:
            wish = None
        response = render(request, "events/partials/gift_card.html",
                          {"wish": wish, "outcome": outcome})
        response["HX-Trigger"] = "scan-ok" if outcome == "received" else "scan-error"
        return response
