import datetime as dt

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(app_config=None, using="default", **kwargs):
    """`migrate` also creates the shared cache's table (a no-op for Redis or when it exists),
    so rate limits work on a fresh install without another command. Sent once per app with
    models (common has none): act on auth's, which every install has."""
    from django.core.management import call_command

    if app_config is None or app_config.label != "auth":
        return
    call_command("createcachetable", database=using, verbosity=0)


class CommonConfig(AppConfig):
    name = "backend.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from . import images, scheduler
        from .collation import register

        images.set_decoder_limit()
        post_migrate.connect(create_cache_table, dispatch_uid="common.create_cache_table")
        connection_created.connect(register, dispatch_uid="common.collation.register")

        scheduler.register("privacy_retention", "backend.common.personal_data.run_retention",
                           period=dt.timedelta(days=1), hour=3, minute=30)
        scheduler.register("cache_cull", "backend.common.cache.cull",
                           period=dt.timedelta(minutes=15), minute="*/15")
