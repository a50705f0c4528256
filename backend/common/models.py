"""Rows the shared machinery needs: the scheduler's run keys (backend/common/scheduler.py)."""

from django.db import models


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
