"""Sites in the app (issue #16 item 2): list, detail with history, create, edit."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectListView, ProtectedMixin

from . import audit, site_services
from .filters import SiteFilterSet
from .forms import SiteForm
from .models import Site


class SiteListView(ObjectListView):
    permission_required = "accounts.view_site"
    filterset_class = SiteFilterSet
    queryset = Site.objects.all()
    template_name = "accounts/site_list.html"
    table_template = "accounts/partials/site_table.html"
    export_filename = "placowki"

    @property
    def export_columns(self):
        return [("pk", "ID"), ("name", _("Name")), ("get_kind_display", _("Kind")),
                ("address", _("Address")), ("phone", _("Phone"))]


class SiteDetailView(ProtectedMixin, View):
    permission_required = "accounts.view_site"

    def get(self, request, pk):
        site = get_object_or_404(Site, pk=pk)
        history = audit.readable(audit.history_for(site)[:100]) \
            if request.user.has_perm("accounts.view_auditentry") else []
        return render(request, "accounts/site_detail.html", {"site": site, "history": history})


class SiteCreateView(ProtectedMixin, View):
    permission_required = "accounts.add_site"

    def get(self, request):
        return render(request, "accounts/site_form.html", {"form": SiteForm()})

    def post(self, request):
        form = SiteForm(request.POST)
        if form.is_valid():
            site = site_services.create_site(request.user, form.cleaned_data)
            messages.success(request, _("Site saved."))
            return redirect("accounts:site_detail", pk=site.pk)
        return render(request, "accounts/site_form.html", {"form": form}, status=400)


class SiteEditView(ProtectedMixin, View):
    permission_required = "accounts.change_site"

    def get(self, request, pk):
        site = get_object_or_404(Site, pk=pk)
        return render(request, "accounts/site_form.html",
                      {"form": SiteForm(instance=site), "site": site})

    def post(self, request, pk):
        site = get_object_or_404(Site, pk=pk)
        form = SiteForm(request.POST, instance=site)
        if form.is_valid():
            site_services.update_site(request.user, site, form.cleaned_data)
            messages.success(request, _("Changes saved."))
            return redirect("accounts:site_detail", pk=pk)
        site.refresh_from_db()
        return render(request, "accounts/site_form.html", {"form": form, "site": site},
                      status=400)
