"""Rows the shared machinery needs: the scheduler's run keys (backend/common/scheduler.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The languages a recipient can be written to in (a person's preference, an SMS text's
    version): one choice set, so the API schema names it once."""

    PL = "pl", _("Polish")
    UK = "uk", _("Ukrainian")
    EN = "en", _("English")


class JobRun(models.Model):
    """One scheduled job for one period ("pickup_reminders" on 2026-12-01): the unique
    key makes a second worker's attempt a no-op, in the database, on every backend."""

    name = models.CharField(max_length=80)
    run_key = models.CharField(max_length=40)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["name", "run_key"],
                                               name="jobrun_once_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.run_key}"
