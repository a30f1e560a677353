"""Profile photos: verified, re-encoded and resized by Pillow before anything is stored.

The upload is never stored as it came: it is decoded (which proves it is an image),
turned upright, cropped square and written anew as JPEG, which drops every byte of
metadata (location, camera, comments) and anything hidden in the original file.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # far above any camera photo, far below a decompression bomb
# MPO: a JPEG with extra pictures (depth or HDR maps), as many phone cameras save them.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "GIF", "WEBP"}
AVATAR_SIZE = 512
AVATAR_SMALL_SIZE = 128


def _open_verified(uploaded: File) -> Image.Image:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The photo is larger than 5 MB. Choose a smaller photo."), code="too_large"
        )
    not_an_image = ValidationError(
        _("This file is not a photo we can read. Choose a JPEG, PNG, GIF or WebP file."),
        code="not_an_image",
    )
    too_many_pixels = ValidationError(
        _("This image has too many pixels. Choose a photo of at most 25 megapixels."),
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded.seek(0)
            probe = Image.open(uploaded)
            if probe.format not in ACCEPTED_FORMATS:
                raise not_an_image
            if probe.width * probe.height > MAX_PIXELS:
                raise too_many_pixels
            probe.verify()  # checks the file's structure; the image must be reopened after
            uploaded.seek(0)
            image = Image.open(uploaded)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_an_image from None
    return image


def _square(image: Image.Image, size: int) -> Image.Image:
    side = min(size, image.width, image.height)
    return ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS)


def _as_jpeg(image: Image.Image) -> bytes:
    # Pillow writes a comment it finds in `info` (from a JPEG, GIF or PNG upload) into
    # the new file, and fails on one longer than a JPEG allows: the upload's info goes.
    image.info.clear()
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def to_rgb(image: Image.Image) -> Image.Image:
    """Upright RGB on a white background (transparent PNGs keep their look)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def process_avatar(uploaded: File) -> tuple[ContentFile, ContentFile]:
    """Check an uploaded photo and return it re-encoded: (512 px version, 128 px version).

    Raises ValidationError with a Dutch message for anything that is not a usable photo.
    """
    image = to_rgb(_open_verified(uploaded))
    large = ContentFile(_as_jpeg(_square(image, AVATAR_SIZE)), name="avatar.jpg")
    small = ContentFile(_as_jpeg(_square(image, AVATAR_SMALL_SIZE)), name="avatar.jpg")
    return large, small
