"""Photos people upload (unit photos, public offers): size, type and pixel count checked
before decoding, re-encoded upright at most 1600 px with no metadata (EXIF, GPS) kept.
The one place that does it, for every app.

Pixels, not bytes, are what a decoder pays for: a 435 KB PNG can be 144 megapixels and take
over a gigabyte to decode. The header gives the size without decoding (Pillow opens lazily),
so a picture above PHOTO_MAX_PIXELS is refused before any pixel is read; Pillow's own bomb
guard (Image.MAX_IMAGE_PIXELS) is set to the same limit as a second line."""

import io
import re
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


def max_pixels() -> int:
    return int(getattr(settings, "PHOTO_MAX_PIXELS", 40_000_000))


def set_decoder_limit() -> None:
    """Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that (at open)."""
    Image.MAX_IMAGE_PIXELS = max_pixels()


def _refuse_not_image(upload):
    return ValidationError(_("The file %(name)s is not a photo (use JPG, PNG or WEBP).") % {
        "name": upload.name}, code="not_image")


def _refuse_pixels(upload, pixels: int):
    return ValidationError(
        _("The photo %(name)s has too many pixels (%(mp)s megapixels); the limit is "
          "%(limit)s megapixels. Take it with a lower resolution or make it smaller.") % {
            "name": upload.name, "mp": round(pixels / 1_000_000, 1),
            "limit": max_pixels() // 1_000_000}, code="too_many_pixels")


def check_photo(upload) -> None:
    """Refuse oversize and non-image uploads with a clear message (before decoding)."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The photo %(name)s is too large (%(size)s MB); the limit is %(limit)s MB.") % {
                "name": upload.name, "size": round(upload.size / 1048576, 1),
                "limit": max_bytes() // 1048576}, code="too_large")
    set_decoder_limit()
    try:
        upload.seek(0)
        with Image.open(upload) as image:  # lazy: reads the header, decodes nothing
            width, height = image.size
            if width * height > max_pixels():
                raise _refuse_pixels(upload, width * height)
            image.verify()
            kind = image.format
    except Image.DecompressionBombError as err:
        # Pillow refuses at open above twice its limit; its message carries the real size.
        found = re.search(r"\((\d+) pixels\)", str(err))
        raise _refuse_pixels(upload, int(found.group(1)) if found else 2 * max_pixels()) \
            from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse_not_image(upload) from None
    if kind not in ALLOWED:
        raise _refuse_not_image(upload)
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
