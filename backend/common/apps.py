from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using="default", **kwargs):
    """`migrate` also creates the shared cache's table (a no-op for Redis or when it exists),
    so rate limits work on a fresh install without another command."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CommonConfig(AppConfig):
    name = "backend.common"
    verbose_name = _("Common")

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self,
                             dispatch_uid="common.create_cache_table")
