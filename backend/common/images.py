"""Photos people upload (unit photos, public offers): size and type checked before
decoding, re-encoded upright at most 1600 px with no metadata (EXIF, GPS) kept.
The one place that does it, for every app."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 1600


def max_bytes() -> int:
    return int(getattr(settings, "PHOTO_MAX_BYTES", 8 * 1024 * 1024))


def check_photo(upload) -> None:
    """Refuse oversize and non-image uploads with a clear message (before decoding)."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The photo %(name)s is too large (%(size)s MB); the limit is %(limit)s MB.") % {
                "name": upload.name, "size": round(upload.size / 1048576, 1),
                "limit": max_bytes() // 1048576}, code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError,
            ValueError):
        raise ValidationError(_("The file %(name)s is not a photo (use JPG, PNG or WEBP).") % {
            "name": upload.name}, code="not_image") from None
    if kind not in ALLOWED:
        raise ValidationError(_("The file %(name)s is not a photo (use JPG, PNG or WEBP).") % {
            "name": upload.name}, code="not_image")
    upload.seek(0)


def clean_photo(upload) -> tuple[ContentFile, int, int]:
    """Re-encode the photo: upright (EXIF orientation applied), at most MAX_SIDE px,
    with no metadata kept. Returns (file, width, height)."""
    check_photo(upload)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        has_alpha = image.mode in ("RGBA", "LA") or (
            image.mode == "P" and "transparency" in image.info)
        out_format = "PNG" if has_alpha else "JPEG"
        image = image.convert("RGBA" if has_alpha else "RGB")
        # A new image from the pixels only: nothing of the original's info/EXIF survives.
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        buffer = io.BytesIO()
        clean.save(buffer, format=out_format, quality=85, optimize=True)
        width, height = clean.size
    name = f"{uuid.uuid4().hex}.{ALLOWED[out_format]}"
    return ContentFile(buffer.getvalue(), name=name), width, height
