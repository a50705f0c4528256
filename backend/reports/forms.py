"""What a report is asked for: period, programme, site. One form for the page, the
exports and the API (query parameters), so ?year=2025&site=3 means the same in each."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts import scope
from backend.accounts.models import Site

from . import period as periods

PERIOD_KINDS = [("year", _("year")), ("quarter", _("quarter")), ("month", _("month")),
                ("custom", _("custom dates"))]
PROGRAMMES = [("", _("all programmes")), ("drives", _("drives (all kinds)")),
              ("drives:food", _("food drives")), ("drives:fuel", _("fuel drives")),
              ("drives:other", _("other drives")), ("events", _("events")),
              ("camps", _("camps")), ("exchange", _("equipment exchange")),
              ("volunteers", _("volunteers"))]


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("period"), choices=PERIOD_KINDS, required=False)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.IntegerField(label=_("quarter"), min_value=1, max_value=4, required=False)
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12, required=False)
    start = forms.DateField(label=_("from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("to"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    programme = forms.ChoiceField(label=_("programme"), choices=PROGRAMMES, required=False)
    site = forms.ModelChoiceField(label=_("site"), queryset=Site.objects.none(),
                                  required=False, empty_label=_("all my sites"))

    def __init__(self, data=None, *, user=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["site"].queryset = scope.restrict(Site.objects.all(), user, "pk")

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        kind = cleaned.get("period") or "year"
        number = cleaned.get("year") or today.year
        if kind == "custom":
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give both dates of a custom period."))
            if end < start or (end - start).days > 366 * 5:
                raise forms.ValidationError(_("The end must follow the start, "
                                              "at most five years later."))
            cleaned["span"] = periods.custom(start, end)
        elif kind == "month":
            cleaned["span"] = periods.month(number, cleaned.get("month") or today.month)
        elif kind == "quarter":
            cleaned["span"] = periods.quarter(
                number, cleaned.get("quarter") or (today.month - 1) // 3 + 1)
        else:
            cleaned["span"] = periods.year(number)
        return cleaned


def default_data() -> dict:
    return {"period": "year", "year": dt.date.today().year}
