"""Django's ModelBackend, with a user's permissions read in one query instead of two.

ModelBackend asks once for the user's own permissions and once for their groups'; every
API request with a permission check paid both. One query with both joins gives the same
set (cached on the user object for this request only, as Django does: nothing can go
stale across requests). docs/decisions/0120."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.all()
            else:
                rows = Permission.objects.filter(
                    Q(user=user_obj) | Q(group__user=user_obj)).distinct()
            user_obj._perm_cache = {f"{app}.{name}" for app, name in rows.values_list(
                "content_type__app_label", "codename").order_by()}
        return user_obj._perm_cache
