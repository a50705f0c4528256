"""Coordinators: the equipment category tree and the merge of two categories."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from backend.common.errors import ServiceError
from backend.common.views import ProtectedMixin

from . import categories


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(label=gettext_lazy("Merge this category"),
                                    queryset=categories.equipment())
    into = forms.ModelChoiceField(label=gettext_lazy("into this one (kept)"),
                                  queryset=categories.equipment())


def _tree() -> list[tuple[int, object]]:
    """(depth, category) in tree order, for an indented list."""
    rows = list(categories.equipment())
    children: dict = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[tuple[int, object]] = []

    def walk(parent, depth):
        for row in children.get(parent, []):
            out.append((depth, row))
            walk(row.pk, depth + 1)

    walk(None, 0)
    known = {c.pk for c in rows}
    for row in rows:  # a parent of another purpose: show the row at the top level
        if row.parent_id and row.parent_id not in known:
            out.append((0, row))
    return out


class CategoryView(ProtectedMixin, View):
    permission_required = "exchange.manage_exchange"
    template_name = "exchange/categories.html"

    def get(self, request):
        return render(request, self.template_name, {"tree": _tree(), "form": MergeForm()})

    def post(self, request):
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                moved = categories.merge(request.user, form.cleaned_data["source"],
                                         form.cleaned_data["into"])
            except ServiceError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, _(
                    "Merged: %(offers)s offers, %(requests)s requests, %(items)s items, "
                    "%(subcategories)s subcategories moved.") % moved)
                return redirect("exchange:categories")
        return render(request, self.template_name, {"tree": _tree(), "form": form},
                      status=400)
