from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django model permissions for the API, reads included.

    DRF's default lets any authenticated user read; we require `view_<model>`
    so the API refuses exactly what the UI refuses (issue #2, privacy by role).
    """

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
