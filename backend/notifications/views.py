"""SMS screens: thin, htmx-aware; all work is done by services."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from backend.accounts import scope
from backend.common import exports
from backend.common.parsing import get_object_or_404, int_or_none
from backend.common.phones import format_phone
from backend.common.views import ObjectListView, ProtectedMixin, back_to
from backend.people.filters import PersonFilterSet
from backend.people.selectors import visible_persons

from . import dispatch, encoding, selectors, services, texts
from .filters import (
    InboundMessageFilterSet,
    OutboxMessageFilterSet,
    SmsBatchFilterSet,
    SmsTemplateFilterSet,
)
from .forms import BatchForm, SimulateReplyForm, SmsTemplateForm
from .models import InboundMessage, OutboxMessage, SmsBatch, SmsTemplate

SAMPLE = {"first_name": "Stanisław", "place": "ul. Zgierska 221", "date": "12.12.2026",
          "time_window": "10:00–12:00", "pickup_code": "K7M2"}


def sample_context(user) -> dict:
    """Preview with real data: the first person with a phone this user may see."""
    person = visible_persons(user).exclude(phone="").first()
    return {**SAMPLE, **(services.person_context(person) if person else {})}


def analysis_context(body: str, transliterate: bool, recipients: int = 1,
                     sample: dict | None = None) -> dict:
    text = services.render(body, sample or SAMPLE, transliterate)
    info = encoding.analyse(text)
    return {"preview": text, "info": info, "recipients": recipients,
            "total_segments": info.segments * recipients, "total_cost": info.cost * recipients}


class TemplateListView(ObjectListView):
    permission_required = "notifications.view_smstemplate"
    queryset = SmsTemplate.objects.all()
    filterset_class = SmsTemplateFilterSet
    template_name = "notifications/template_list.html"
    table_template = "notifications/partials/template_table.html"


class TemplateEditView(ProtectedMixin, View):
    permission_required = "notifications.change_smstemplate"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(SmsTemplate, pk=pk) if pk else None

    def render_form(self, form):
        body = form["body"].value() or ""
        transliterate = bool(form["transliterate"].value())
        return render(self.request, "notifications/template_form.html",
                      {"form": form, "object": self.get_object(),
                       **analysis_context(body, transliterate,
                                          sample=sample_context(self.request.user))})

    def get(self, request, pk=None):
        return self.render_form(SmsTemplateForm(instance=self.get_object()))

    def post(self, request, pk=None):
        form = SmsTemplateForm(request.POST, instance=self.get_object())
        if form.is_valid():
            texts.save_template(request.user, form.save(commit=False))  # audited
            messages.success(request, _("Template saved."))
            return redirect("notifications:template_list")
        return self.render_form(form)


class AnalyseView(ProtectedMixin, View):
    """Live segment count, encoding, cost and preview as the coordinator types."""

    permission_required = "notifications.view_smstemplate"

    def post(self, request):
        transliterate = request.POST.get("transliterate") in {"on", "true", "1"}
        return render(request, "notifications/partials/analysis.html",
                      analysis_context(request.POST.get("body", ""), transliterate,
                                       sample=sample_context(request.user)))


def sandbox_enabled() -> bool:
    """Simulated delivery reports and replies exist only for the console provider in
    development (SMS_SANDBOX follows DEBUG): in production they would forge real data."""
    return bool(settings.SMS_SANDBOX) and settings.SMS_BACKEND == "console"


class SandboxOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not sandbox_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SandboxView(scope.ScopedQuerysetMixin, ObjectListView):
    """What the console provider would have sent; simulate delivery and replies."""

    permission_required = "notifications.view_outboxmessage"
    queryset = OutboxMessage.objects.select_related("person", "batch")
    filterset_class = OutboxMessageFilterSet
    template_name = "notifications/sandbox.html"
    table_template = "notifications/partials/message_table.html"

    def get_context_data(self, **kwargs):
        enabled = sandbox_enabled()
        return super().get_context_data(reply_form=SimulateReplyForm(), sandbox_enabled=enabled,
                                        open_for_reply=sorted(services.OPEN_FOR_REPLY),
                                        replies=["TAK", "NIE"],
                                        simulate=[OutboxMessage.Status.DELIVERED,
                                                  OutboxMessage.Status.UNDELIVERED,
                                                  OutboxMessage.Status.FAILED] if enabled else [],
                                        **kwargs)


class SimulateStatusView(SandboxOnlyMixin, ProtectedMixin, View):
    permission_required = "notifications.send_sms"

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        services.apply_status(message, request.POST.get("status", ""))
        return back_to(request, reverse("notifications:sandbox"))


class UnknownListView(ProtectedMixin, TemplateView):
    """Messages we cannot prove left or not: a person checks and decides."""

    permission_required = "notifications.view_outboxmessage"
    template_name = "notifications/unknown.html"

    def get_context_data(self, **kwargs):
        rows = OutboxMessage.objects.filter(status=OutboxMessage.Status.UNKNOWN).select_related(
            "person").order_by("claimed_at", "id")[:200]
        return {**super().get_context_data(**kwargs), "rows": rows}


class SettleUnknownView(ProtectedMixin, View):
    permission_required = "notifications.send_sms"

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        arrived = request.POST.get("arrived") == "1"
        if services.settle_unknown(message, arrived=arrived):
            messages.info(request, _("Marked as sent.") if arrived else _("Queued again."))
        return redirect("notifications:unknown")


class SimulateReplyView(SandboxOnlyMixin, ProtectedMixin, View):
    """A reply typed in the sandbox; from a row it answers that notice, which must
    have been sent (a notice waiting for the sending hours cannot be answered yet)."""

    permission_required = "notifications.send_sms"

    def post(self, request):
        form = SimulateReplyForm(request.POST)
        notice = OutboxMessage.objects.filter(
            pk=int_or_none(request.POST.get("message")) or 0).first()
        if notice is not None and notice.status not in services.OPEN_FOR_REPLY:
            messages.error(request, _("This notice has not been sent yet: a reply can "
                                      "only answer a sent notice."))
            return redirect("notifications:sandbox")
        if form.is_valid():
            inbound = services.receive_inbound(phone=form.cleaned_data["phone"],
                                               body=form.cleaned_data["body"])
            messages.info(request, _("Reply recorded: %(outcome)s.")
                          % {"outcome": inbound.get_outcome_display()})
        return redirect("notifications:sandbox")


class BatchListView(ObjectListView):
    permission_required = "notifications.view_smsbatch"
    queryset = SmsBatch.objects.select_related("template").annotate(
        pending=Count("messages", filter=Q(messages__status=OutboxMessage.Status.QUEUED))
    ).order_by("-created_at", "-id")
    filterset_class = SmsBatchFilterSet
    template_name = "notifications/batch_list.html"
    table_template = "notifications/partials/batch_table.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(waiting=selectors.waiting_label(), **kwargs)


class BatchCreateView(ProtectedMixin, View):
    """Recipients from the people filter, preview, totals, then confirm."""

    permission_required = "notifications.send_sms"

    def recipients(self, data):
        filterset = PersonFilterSet(data, queryset=visible_persons(self.request.user),
                                    request=self.request)
        return filterset, (filterset.qs if filterset.is_valid() else filterset.queryset.none())

    def get(self, request):
        filterset, persons = self.recipients(request.GET)
        if request.GET.get("export") == "no_phone":
            return self.no_phone_csv(persons.filter(phone=""))
        form = BatchForm(request.GET if "template" in request.GET else None)
        context = {"filterset": filterset, "form": form, "count": persons.count(),
                   "with_phone": persons.exclude(phone="").count(),
                   "query": request.GET.urlencode()}
        if form.is_bound and form.is_valid():
            _batch, texts = selectors.dry_run(
                services.create_batch, name=form.cleaned_data["name"], persons=persons,
                template=form.cleaned_data["template"], context=self.extra(form),
                user=request.user)
            context.update(summary=selectors.send_summary(texts),
                           confirm_action=reverse("notifications:batch_create"),
                           confirm_button=_("Confirm and send"),
                           hidden=[(k, v) for k, values in request.GET.lists()
                                   for v in values])
        return render(request, "notifications/batch_form.html", context)

    @staticmethod
    def no_phone_csv(persons) -> HttpResponse:
        """People of the selection an SMS cannot reach at all: to phone or visit."""
        response = exports.csv_response("bez-telefonu.csv")
        writer = exports.writer(response)
        writer.writerow([_("Person"), _("Household")])
        for person in persons:
            writer.writerow([str(person), str(person.household)])
        return response

    @staticmethod
    def extra(form) -> dict:
        return {k: form.cleaned_data[k] for k in ("place", "date", "time_window")
                if form.cleaned_data.get(k)}

    def post(self, request):
        _filterset, persons = self.recipients(request.POST)
        form = BatchForm(request.POST)
        if not form.is_valid():
            return redirect(reverse("notifications:batch_create"))
        if request.POST.get("confirmed") != "1":  # a bulk send is never one click
            query = request.POST.copy()
            query.pop("csrfmiddlewaretoken", None)
            return redirect(reverse("notifications:batch_create") + "?" + query.urlencode())
        batch = services.create_batch(name=form.cleaned_data["name"], persons=persons,
                                      template=form.cleaned_data["template"],
                                      context=self.extra(form), user=request.user)
        return redirect("notifications:batch_detail", pk=batch.pk)


class BatchDetailView(ProtectedMixin, TemplateView):
    permission_required = "notifications.view_smsbatch"

    def get_template_names(self):
        if self.request.htmx:
            return ["notifications/partials/batch_progress.html"]
        return ["notifications/batch_detail.html"]

    def get_context_data(self, **kwargs):
        batch = get_object_or_404(SmsBatch, pk=self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), "batch": batch,
                "progress": selectors.batch_progress(batch),
                "quiet_until": dispatch.next_window_start(timezone.now()),
                "unreachable": selectors.unreachable(batch)[:100]}


class BatchActionView(ProtectedMixin, View):
    permission_required = "notifications.send_sms"

    def post(self, request, pk, action):
        batch = get_object_or_404(SmsBatch, pk=pk)
        if action == "cancel":
            count = services.cancel_batch(batch)
            messages.info(request, _("%(n)s messages cancelled.") % {"n": count})
        elif action == "retry":
            count = services.retry_failed(batch)
            messages.info(request, _("%(n)s messages queued again.") % {"n": count})
        return redirect("notifications:batch_detail", pk=pk)


class BatchUnreachableCsvView(ProtectedMixin, View):
    permission_required = "notifications.view_smsbatch"

    def get(self, request, pk):
        batch = get_object_or_404(SmsBatch, pk=pk)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = exports.csv_response(f"nieosiagalni-{stamp}.csv")
        writer = exports.writer(response)
        writer.writerow([_("Person"), _("Phone"), _("Status"), _("Reason")])
        for m in selectors.unreachable(batch):
            writer.writerow([str(m.person or ""), format_phone(m.phone),
                             m.get_status_display(), m.reason])
        return response


class InboxView(ObjectListView):
    permission_required = "notifications.view_inboundmessage"
    queryset = InboundMessage.objects.select_related("person", "outbox_message")
    filterset_class = InboundMessageFilterSet
    template_name = "notifications/inbox.html"
    table_template = "notifications/partials/inbox_table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for message in context["object_list"]:  # at most a page: the notices it may answer
            message.notices = (list(services.attachable_notices(message)[:5])
                               if message.outcome == InboundMessage.Outcome.OTHER
                               and not message.outbox_message_id else [])
        return context


class InboxAttachView(ProtectedMixin, View):
    """File an "other" reply as TAK / NIE to a notice chosen by hand (audited)."""

    permission_required = "notifications.change_inboundmessage"

    def post(self, request, pk):
        inbound = get_object_or_404(InboundMessage, pk=pk)
        notice = get_object_or_404(services.attachable_notices(inbound),
                                   pk=request.POST.get("notice") or 0)
        if self.run_service(services.attach_reply, request.user, inbound, notice,
                            request.POST.get("outcome", "")):
            messages.success(request, _("Reply attached to the notice."))
        return redirect("notifications:inbox")


class InboxHandleView(ProtectedMixin, View):
    permission_required = "notifications.change_inboundmessage"

    def post(self, request, pk):
        services.mark_handled(get_object_or_404(InboundMessage, pk=pk))
        return redirect("notifications:inbox")


class PersonTimelineView(ProtectedMixin, TemplateView):
    permission_required = "notifications.view_sms_timeline"
    template_name = "notifications/timeline.html"

    def get_context_data(self, **kwargs):
        person = get_object_or_404(visible_persons(self.request.user), pk=self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), "person": person,
                "items": selectors.timeline(person)}
