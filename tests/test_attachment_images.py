"""Image attachments are written anew, upright, without EXIF, GPS, XMP or comments
(`knowledge/attachments.py`).
"""

import io
import struct

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from .samples import SECRET, assert_clean_png, assert_random_name, check, encode, picture, stored

EXIF_ORIENTATION = 0x0112
EXIF_ARTIST = 0x013B
EXIF_GPS_IFD = 0x8825


def colour_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[EXIF_ARTIST] = SECRET
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    gps = exif.get_ifd(EXIF_GPS_IFD)
    gps.update({1: "N", 2: (52.0, 5.0, 26.0), 3: "E", 4: (5.0, 7.0, 8.0)})
    return exif


def jpeg_with_metadata(orientation: int | None = None) -> bytes:
    data = encode(
        picture(),
        "JPEG",
        exif=camera_exif(orientation).tobytes(),
        comment=b"geheim commentaar",
        xmp=b"<x:xmpmeta>" + SECRET.encode() + b"</x:xmpmeta>",
        icc_profile=colour_profile(),
    )
    # The input really carries what must disappear.
    with Image.open(io.BytesIO(data)) as check_image:
        assert check_image.getexif().get_ifd(EXIF_GPS_IFD)[1] == "N"
        assert check_image.info["comment"] == b"geheim commentaar"
    assert b"Exif" in data and SECRET.encode() in data
    return data


def jpeg_markers(data: bytes) -> set[int]:
    """The markers of a JPEG's header segments, up to the start of the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, position = set(), 2
    while True:
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.add(marker)
        if marker == 0xDA:  # start of scan: the compressed pixels follow
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length


# Only what it takes to draw the picture: no text, EXIF, XMP, colour profile or time.
JPEG_PICTURE_MARKERS = {0xE0, 0xEE, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDA, 0xDD}


def test_a_jpeg_is_written_anew_without_exif_gps_xmp_or_comment():
    upload = jpeg_with_metadata()
    result = check("foto.jpg", upload)
    assert (result.extension, result.content_type) == (".jpg", "image/jpeg")
    assert result.download_name == "foto.jpg"
    assert_random_name(result)
    data = stored(result)
    assert data != upload
    assert jpeg_markers(data) <= JPEG_PICTURE_MARKERS
    for hidden in (b"Exif", b"geheim commentaar", SECRET.encode(), b"xmpmeta", b"ICC_PROFILE"):
        assert hidden not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (640, 480))
        assert not image.getexif()
        assert "comment" not in image.info
        assert image.getpixel((200, 200))[0] > 200  # still the orange circle


def test_a_jpeg_turned_by_its_exif_is_stored_upright():
    result = check("staand.jpeg", jpeg_with_metadata(orientation=6))
    assert result.extension == ".jpg"
    assert result.download_name == "staand.jpg"
    with Image.open(io.BytesIO(stored(result))) as image:
        assert image.size == (480, 640)
        assert not image.getexif()


def test_a_png_keeps_its_transparency_and_loses_its_text_and_exif():
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 50, 200, 150), fill=(200, 0, 0, 255))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", SECRET)
    text.add_itxt("Comment", SECRET)
    upload = encode(
        image, "PNG", pnginfo=text, exif=camera_exif().tobytes(), icc_profile=colour_profile()
    )
    assert SECRET.encode() in upload and b"eXIf" in upload and b"iCCP" in upload

    result = check("schema.png", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as stored_image:
        assert stored_image.getpixel((10, 10))[3] == 0
        assert stored_image.getpixel((150, 100)) == (200, 0, 0, 255)


def test_a_gif_is_stored_as_a_png_of_its_first_frame_with_its_transparency():
    first = Image.new("P", (120, 80), 0)
    first.putpalette([255, 255, 255, 0, 128, 0, 255, 0, 0] + [0] * 759)
    ImageDraw.Draw(first).rectangle((40, 20, 80, 60), fill=1)
    second = Image.new("P", (120, 80), 2)
    second.putpalette([255, 255, 255, 0, 128, 0, 255, 0, 0] + [0] * 759)
    upload = encode(
        first, "GIF", save_all=True, append_images=[second], transparency=0, comment=SECRET
    )
    with Image.open(io.BytesIO(upload)) as animation:
        assert animation.n_frames == 2

    result = check("animatie.gif", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    assert result.download_name == "animatie.png"
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert getattr(image, "n_frames", 1) == 1
        rgba = image.convert("RGBA")
        assert rgba.getpixel((60, 40)) == (0, 128, 0, 255)
        assert rgba.getpixel((5, 5))[3] == 0


def test_a_webp_is_stored_as_a_png_of_its_first_frame_without_exif():
    frames = [Image.new("RGB", (100, 100), colour) for colour in ("orange", "navy")]
    upload = encode(
        frames[0],
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        lossless=True,
        exif=camera_exif().tobytes(),
    )
    assert b"EXIF" in upload

    result = check("beeld.webp", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    assert result.download_name == "beeld.png"
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.convert("RGB").getpixel((50, 50)) == (255, 165, 0)


@pytest.mark.parametrize("name", ["foto.jpg", "foto.JPEG", "foto.jpeg"])
def test_a_jpeg_may_be_named_jpg_or_jpeg(name):
    assert check(name, encode(picture(), "JPEG")).extension == ".jpg"
