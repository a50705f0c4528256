"""Repeating parts of a form ("dodaj wiersz" / "usuń") that work with and without JavaScript.

With JavaScript, static/js/formset.js clones the `empty_form` template row and hides a removed
row (ticking its DELETE box). Without it, the "dodaj wiersz" button is a submit button
(name=add_row, value=<prefix>): the view re-renders the same page with one more empty row and
no errors yet (`added_row`), and "usuń" is the DELETE checkbox itself.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT
from django.forms.utils import ErrorDict, ErrorList

ADD_ROW = "add_row"


class RowFormSet(forms.BaseFormSet):
    """Rows that may be added and removed; `rows()` is what the service gets: the cleaned
    data of every row that is filled in and not removed, in order."""

    def rows(self) -> list[dict[str, Any]]:
        return [{k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
                for form in self.forms if form.has_changed() and form.cleaned_data
                and not (self.can_delete and self._should_delete_form(form))]


def row_formset(form, *, formset=RowFormSet, max_num=200, **kwargs):
    """formset_factory with one empty row and a "usuń" box per row, up to max_num rows."""
    return forms.formset_factory(form, formset=formset, extra=kwargs.pop("extra", 1),
                                 can_delete=True, max_num=max_num, validate_max=True,
                                 absolute_max=max_num, **kwargs)


def wants_row(request, prefix: str) -> bool:
    return request.method == "POST" and request.POST.get(ADD_ROW) == prefix


def added_row(formset: forms.BaseFormSet) -> forms.BaseFormSet:
    """The bound formset again with one more (empty) row, its errors not shown yet: the
    person has not finished filling it in."""
    data = formset.data.copy()
    key = formset.add_prefix(TOTAL_FORM_COUNT)
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, formset.max_num))
    grown = type(formset)(data, prefix=formset.prefix, form_kwargs=formset.form_kwargs)
    for form in grown.forms:
        form._errors = ErrorDict()
    grown._errors, grown._non_form_errors = [], ErrorList()
    return grown
