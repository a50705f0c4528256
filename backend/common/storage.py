"""Files only a permission-checked view may hand out (health-card scans): kept under
PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so whatever serves /media/ (Django's `serve` in
development, the proxy in production) can never reach them; they have no URL."""

import os
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):  # read each time: tests and settings may move it
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no URL; a view with a permission check serves it.")


_private = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private


def random_path(folder: str, filename: str) -> str:
    """For an upload_to: only the extension is kept, so the uploaded name (often the
    person's) never reaches the disk, and the stored name cannot be guessed."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{secrets.token_hex(16)}{suffix}"
