"""Shared generic views (NetBox style): a list view names its queryset,
FilterSet and templates; the rest is done here once."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from . import exports
from .errors import ServiceError, ServiceErrorMixin
from .formsets import added_row, wants_row
from .pagination import PAGE_SIZES
from .parsing import get_object_or_404


def back_to(request, default: str) -> HttpResponseRedirect:
    """Redirect to the form's `next` when it is a path on this site, else to `default`
    (a model's get_absolute_url or a reversed name). Never to another host (`//evil`,
    `https://evil`, `/\\evil`), never a 500 for something that is not a URL."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure())):
        target = default
    return HttpResponseRedirect(target)


class ProtectedMixin(LoginRequiredMixin, PermissionRequiredMixin, ServiceErrorMixin):
    """Log-in first (redirect), then the permission (403, never a redirect loop); a
    service's refusal becomes a message (common.errors.ServiceErrorMixin)."""

    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ObjectListView(ProtectedMixin, TemplateView):
    """A filtered, paginated list; htmx requests get only the table partial.

    Subclasses set: queryset (or get_queryset), filterset_class, template_name,
    table_template, permission_required; optional export_columns for CSV.
    """

    queryset = None
    filterset_class = None
    table_template: str = ""
    default_per_page = 25
    export_columns: Iterable[tuple[str, str]] = ()
    export_filename = "export"

    def get_queryset(self):
        return self.queryset.all()

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_queryset(),
                                    request=self.request)

    def get_per_page(self) -> int:
        try:
            value = int(self.request.GET.get("per_page", self.default_per_page))
        except ValueError:
            return self.default_per_page
        return value if value in PAGE_SIZES else self.default_per_page

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else (
            filterset.queryset if not filterset.is_bound else filterset.queryset.none()
        )
        if request.GET.get("export") == "csv" and self.export_columns:
            return self.export_csv(queryset)
        page = Paginator(queryset, self.get_per_page()).get_page(request.GET.get("page"))
        context = self.get_context_data(filterset=filterset, page_obj=page,
                                        object_list=page.object_list, per_page_choices=PAGE_SIZES)
        template = self.table_template if request.htmx and request.htmx.target == "results" \
            else self.template_name
        return self.response_class(request=request, template=[template], context=context)

    def export_row(self, obj) -> list:
        row = []
        for attr, _label in self.export_columns:
            value = obj
            for part in attr.split("."):
                value = getattr(value, part, "") if value is not None else ""
            row.append(value() if callable(value) else value)
        return row

    def export_csv(self, queryset) -> HttpResponse:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = exports.csv_response(f"{self.export_filename}-{stamp}.csv")
        writer = exports.writer(response)
        writer.writerow([str(label) for _attr, label in self.export_columns])
        for obj in queryset.iterator(chunk_size=2000):
            writer.writerow(self.export_row(obj))
        self.after_export(queryset)
        return response

    def after_export(self, queryset) -> None:
        """Hook: record the export in the audit log."""


class ObjectDetailView(ProtectedMixin, TemplateView):
    """One object by pk from `get_queryset()` (which carries the site scope), with its
    readable audit history when `history` is set (the last `history_limit` entries)."""

    queryset = None
    context_object_name = "object"
    history = False
    history_limit = 100

    def get_queryset(self):
        return self.queryset.all()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), "object": self.object,
                   self.context_object_name: self.object}
        if self.history:
            from backend.accounts import audit

            context["history"] = audit.readable(
                audit.history_for(self.object)[:self.history_limit])
        return context


class ObjectEditView(ProtectedMixin, TemplateView):
    """Create or edit through a service: GET shows the form, POST validates and calls
    `save()` (the service: writes + audit entry), then redirects. A refused write
    (ServiceError) becomes the form's own error message, never a 500 or a lost form.

    Subclasses set: form_class, template_name, permission_required, and either `service`
    (called as service(user, obj, cleaned_data) -> obj; obj is None when creating) or
    save(). With `queryset` set the view edits the object named by the URL's pk.
    `refusal(obj)` may say why the object can no longer be edited (shown instead of the
    form; the service refuses the write itself as well). An optional `formset_class`
    (rows with "dodaj wiersz" / "usuń", prefix `formset_prefix`) is validated with the form.
    """

    form_class: type[forms.BaseForm] | None = None
    formset_class: type[forms.BaseFormSet] | None = None
    formset_prefix = "rows"
    queryset = None
    context_object_name = "object"
    service: Callable[..., Any] | None = None
    success_message = ""

    def get_queryset(self):
        # The site scope (accounts.scope) holds for edits too: a field office's coordinator
        # cannot open another office's record by its number.
        from backend.accounts import scope

        return scope.visible(self.queryset.all(), self.request.user)

    def get_object(self):
        if self.queryset is None and type(self).get_queryset is ObjectEditView.get_queryset:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def refusal(self, obj) -> str | None:
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if issubclass(self.form_class, forms.BaseModelForm) and self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_form(self, data=None):
        return self.form_class(data, **self.get_form_kwargs()) if data is not None else \
            self.form_class(**self.get_form_kwargs(), initial=self.get_initial())

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_formset(self, data=None):
        if self.formset_class is None:
            return None
        return self.formset_class(data, prefix=self.formset_prefix)

    def save(self, form, formset):
        rows = None if formset is None else formset.rows()
        args = (form.cleaned_data,) if rows is None else (form.cleaned_data, rows)
        return type(self).service(self.request.user, self.object, *args)

    def get_success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def render_form(self, form, formset, status=200, refused: str | None = None):
        if status >= 400 and self.object is not None:
            self.object.refresh_from_db()  # a ModelForm's validation wrote into it
        context = self.get_context_data(form=form, formset=formset, refused=refused)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object,
                self.context_object_name: self.object}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        refused = self.refusal(self.object) if self.object is not None else None
        return self.render_form(self.get_form(), self.get_formset(), refused=refused)

    def post(self, request, *args, **kwargs):
        refused = self.refusal(self.object) if self.object is not None else None
        if refused:
            return self.render_form(self.get_form(), self.get_formset(), 409, refused)
        if self.formset_class is not None and wants_row(request, self.formset_prefix):
            # "dodaj wiersz" without JavaScript: the same page, one more empty row
            form = self.get_form(request.POST)
            form._errors = ErrorDict()
            return self.render_form(form, added_row(self.get_formset(request.POST)))
        form, formset = self.get_form(request.POST), self.get_formset(request.POST)
        if form.is_valid() and (formset is None or formset.is_valid()):
            try:
                obj = self.save(form, formset)
            except ServiceError as err:
                form.add_error(None, err.message)
                return self.render_form(form, formset, 400)
            if self.success_message:
                messages.success(request, self.success_message)
            return redirect(self.get_success_url(obj))
        return self.render_form(form, formset, 400)


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        from .attention import lines_for

        return {**super().get_context_data(**kwargs), "attention": lines_for(self.request.user)}


class AccessibilityStatementView(TemplateView):
    """Deklaracja dostępności: public (the law requires it to be reachable without logging in),
    filled from settings so each centre publishes its own name, dates and contacts."""

    template_name = "common/accessibility.html"

    def get_context_data(self, **kwargs):
        from django.conf import settings
        from django.utils.dateparse import parse_date

        s = settings
        return {**super().get_context_data(**kwargs),
                "centre": s.CENTRE_NAME, "address": s.CENTRE_ADDRESS,
                "phone": s.ACCESSIBILITY_CONTACT_PHONE or s.CENTRE_PHONE,
                "contact_name": s.ACCESSIBILITY_CONTACT_NAME,
                "email": s.ACCESSIBILITY_CONTACT_EMAIL or s.DEFAULT_FROM_EMAIL,
                "published": parse_date(s.ACCESSIBILITY_PUBLISHED),
                "updated": parse_date(s.ACCESSIBILITY_UPDATED),
                "reviewed": parse_date(s.ACCESSIBILITY_REVIEWED),
                "architecture": s.ACCESSIBILITY_ARCHITECTURE,
                "site_url": s.BASE_URL or self.request.build_absolute_uri("/").rstrip("/")}
