"""Profile photos: verified and re-encoded by Pillow, stored under random names, served
only to those who may see the profile.

Dutch messages are those of locale/nl/LC_MESSAGES/django.po.
"""

import html
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw, ImageFile, PngImagePlugin

# The site imports WeasyPrint with its addresses (the handouts), as a test run may first.
from knowledge import handouts  # noqa: F401
from members import avatars
from members.avatars import MAX_UPLOAD_BYTES, process_avatar
from members.forms import ProfileForm
from members.models import MembershipStatus, Profile

from .factories import make_member, make_profile, make_user
from .helpers import give_photo, profile_form_data

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = (
    "Dit bestand is geen foto die we kunnen lezen. Kies een JPEG-, PNG-, GIF- of WebP-bestand."
)
TOO_MANY_PIXELS = "Deze afbeelding heeft te veel pixels. Kies een foto van hoogstens 25 megapixel."
TOO_LARGE = "De foto is groter dan 5 MB. Kies een kleinere foto."

RANDOM_NAME = re.compile(r"^avatars/[0-9a-f]{32}\.jpg$")
ARTIST = "Fotograaf Geheim"
SCRIPT = b"<script>alert(document.cookie)</script>"

EXIF_ARTIST = 0x013B
EXIF_MAKE = 0x010F
EXIF_GPS_IFD = 0x8825


# --- Files to upload -----------------------------------------------------------------


def encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def picture(size=(800, 600), mode="RGB") -> Image.Image:
    image = Image.new(mode, size, "steelblue" if mode == "RGB" else 0)
    if mode == "RGB":
        ImageDraw.Draw(image).ellipse((100, 100, 400, 400), fill="orange")
    return image


def jpeg_with_exif(size=(800, 600)) -> bytes:
    """A camera-like photo: EXIF with the photographer, the camera and a GPS position."""
    exif = Image.Exif()
    exif[EXIF_ARTIST] = ARTIST
    exif[EXIF_MAKE] = "Spionagecamera"
    gps = exif.get_ifd(EXIF_GPS_IFD)
    gps.update({1: "N", 2: (50.0, 53.0, 17.0), 3: "E", 4: (5.0, 58.0, 42.0)})
    data = encode(picture(size), "JPEG", exif=exif.tobytes(), comment=b"geheim commentaar")
    # The input really carries what must disappear.
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif()[EXIF_ARTIST] == ARTIST
        assert check.getexif().get_ifd(EXIF_GPS_IFD)[1] == "N"
    assert ARTIST.encode() in data
    return data


def transparent_png(size=(2000, 1000)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    width, height = size
    ImageDraw.Draw(image).ellipse(
        (width // 2 - 300, height // 2 - 300, width // 2 + 300, height // 2 + 300),
        fill=(200, 0, 0, 255),
    )
    return encode(image, "PNG")


def bomb_png(size) -> bytes:
    """A small file that declares a huge number of pixels."""
    return encode(Image.new("1", size), "PNG")


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def opened(content) -> Image.Image:
    content.seek(0)
    image = Image.open(io.BytesIO(content.read()))
    image.load()
    return image


def refusal(data: bytes, name: str = "photo.jpg") -> ValidationError:
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        process_avatar(upload(data, name))
    return caught.value


# --- process_avatar ------------------------------------------------------------------


def test_jpeg_with_exif_comes_out_without_any_metadata():
    large, small = process_avatar(upload(jpeg_with_exif()))
    for content in (large, small):
        image = opened(content)
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "comment" not in image.info
        content.seek(0)
        data = content.read()
        assert ARTIST.encode() not in data
        assert b"Spionagecamera" not in data and b"geheim" not in data


def test_exif_orientation_is_applied_before_the_metadata_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    data = encode(picture((800, 400)), "JPEG", exif=exif.tobytes())
    large, _small = process_avatar(upload(data))
    image = opened(large)
    assert image.size == (400, 400)
    assert not image.getexif()


def test_wide_transparent_png_becomes_square_jpeg_on_white():
    large, small = process_avatar(upload(transparent_png(), "foto.png", "image/png"))
    large_image, small_image = opened(large), opened(small)
    assert large_image.format == small_image.format == "JPEG"
    assert large_image.mode == small_image.mode == "RGB"
    assert large_image.size == (512, 512)
    assert small_image.size == (128, 128)
    # What was transparent is white; the opaque middle keeps its colour.
    corner = large_image.getpixel((2, 2))
    assert all(channel > 245 for channel in corner)
    red, green, blue = large_image.getpixel((256, 256))
    assert red > 150 and green < 60 and blue < 60


def test_small_photo_is_not_enlarged():
    large, small = process_avatar(upload(encode(picture((100, 80)), "PNG"), "klein.png"))
    assert opened(large).size == (80, 80)
    assert opened(small).size == (80, 80)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "GIF", "WEBP"])
def test_accepted_formats_are_re_encoded_as_jpeg(image_format):
    large, small = process_avatar(upload(encode(picture(), image_format), "foto"))
    assert opened(large).format == "JPEG"
    assert opened(large).size == (512, 512)
    assert opened(small).size == (128, 128)


def test_phone_jpeg_with_extra_pictures_is_accepted():
    # Phones save HDR or depth maps as extra pictures in the JPEG; Pillow calls it MPO.
    buffer = io.BytesIO()
    picture().save(buffer, "MPO", save_all=True, append_images=[picture((400, 300))])
    data = buffer.getvalue()
    assert data.startswith(b"\xff\xd8") and Image.open(io.BytesIO(data)).format == "MPO"
    large, small = process_avatar(upload(data, "IMG_1234.jpg"))
    assert opened(large).format == "JPEG" and opened(large).size == (512, 512)
    assert opened(small).size == (128, 128)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"Dit is een tekstbestand, geen foto.\n" * 20, "photo.jpg"),
        (b"", "photo.jpg"),
        (b"\x00" * 1024, "photo.png"),
        (b"\xff\xd8\xff\xe0" + b"nep" * 100, "photo.jpg"),
        (b"<html><body><script>alert(1)</script></body></html>", "photo.gif"),
    ],
    ids=["text", "empty", "zeros", "fake-jpeg-header", "html"],
)
def test_file_that_is_not_an_image_is_refused_in_dutch(data, name):
    error = refusal(data, name)
    assert error.code == "not_an_image"
    assert error.messages == [NOT_AN_IMAGE]


def test_truncated_jpeg_is_refused():
    data = encode(picture(), "JPEG", quality=95)
    assert Image.open(io.BytesIO(data[: len(data) // 2])).size == (800, 600)  # header intact
    error = refusal(data[: len(data) // 2])
    assert error.messages == [NOT_AN_IMAGE]


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "PPM"])
def test_images_in_other_formats_are_refused(image_format):
    error = refusal(encode(picture((50, 50)), image_format), "photo.jpg")
    assert error.messages == [NOT_AN_IMAGE]


def test_svg_is_refused():
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
        b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>'
    )
    for name in ("photo.svg", "photo.jpg", "photo.png"):
        assert refusal(svg, name).messages == [NOT_AN_IMAGE]


@pytest.mark.parametrize(
    "size",
    [(6000, 6000), (10000, 10000), (20000, 20000)],
    ids=["over-our-limit", "pillow-warning", "pillow-error"],
)
def test_decompression_bomb_is_refused_without_decoding(monkeypatch, size):
    data = bomb_png(size)
    assert len(data) < 100_000  # tiny file, huge image

    def no_decoding(self):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    error = refusal(data, "bom.png")
    assert error.code == "too_many_pixels"
    assert error.messages == [TOO_MANY_PIXELS]


def test_file_over_5_mb_is_refused_before_decoding(monkeypatch):
    data = jpeg_with_exif()
    data += b"\x00" * (MAX_UPLOAD_BYTES + 1 - len(data))
    assert len(data) == MAX_UPLOAD_BYTES + 1

    def no_opening(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(avatars.Image, "open", no_opening)
    error = refusal(data)
    assert error.code == "too_large"
    assert error.messages == [TOO_LARGE]


def test_file_of_exactly_5_mb_is_accepted():
    data = jpeg_with_exif()
    data += b"\x00" * (MAX_UPLOAD_BYTES - len(data))
    large, _small = process_avatar(upload(data))
    assert opened(large).size == (512, 512)


def test_gif_with_html_and_script_appended_is_stored_as_clean_jpeg():
    polyglot = encode(picture((300, 300)).convert("P"), "GIF") + b"<html>" + SCRIPT + b"</html>"
    assert Image.open(io.BytesIO(polyglot)).format == "GIF"
    large, small = process_avatar(upload(polyglot, "photo.gif", "image/gif"))
    for content in (large, small):
        content.seek(0)
        data = content.read()
        assert data.startswith(b"\xff\xd8")  # a JPEG
        assert b"<script" not in data.lower() and b"<html" not in data.lower()


def test_script_in_a_jpeg_comment_does_not_survive():
    data = encode(picture(), "JPEG", comment=SCRIPT) + SCRIPT
    large, small = process_avatar(upload(data))
    for content in (large, small):
        content.seek(0)
        assert b"<script" not in content.read().lower()


def png_with_text(key: str, value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    return encode(picture(), "PNG", pnginfo=info)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (encode(picture().convert("P"), "GIF", comment=SCRIPT), "photo.gif"),
        (png_with_text("comment", SCRIPT.decode()), "photo.png"),
        (encode(picture(), "WEBP", exif=Image.Exif().tobytes()) + SCRIPT, "photo.webp"),
    ],
    ids=["gif-comment", "png-comment", "webp"],
)
def test_comments_of_other_formats_do_not_reach_the_jpeg(data, name):
    large, small = process_avatar(upload(data, name))
    for content in (large, small):
        assert "comment" not in opened(content).info
        content.seek(0)
        assert b"<script" not in content.read().lower()


def test_photo_with_a_very_long_comment_is_accepted_without_it():
    # A GIF comment may be longer than a JPEG comment can be.
    long_comment = b"x" * 70_000
    data = encode(picture().convert("P"), "GIF", comment=long_comment)
    assert Image.open(io.BytesIO(data)).info["comment"] == long_comment
    large, _small = process_avatar(upload(data, "photo.gif"))
    assert opened(large).size == (512, 512)
    assert "comment" not in opened(large).info


# --- Through the profile form and view ---------------------------------------------


def avatar_files(settings) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "avatars"
    return sorted(folder.iterdir()) if folder.exists() else []


def post_photo(client, user, data: bytes, name="mijn-vakantie-in-heerlen.jpg", **changes):
    return client.post(
        reverse("members:my_profile"),
        {**profile_form_data(user.profile, **changes), "avatar_upload": upload(data, name)},
    )


def test_profile_form_refuses_a_non_image_with_the_dutch_message(member):
    with translation.override("nl"):
        form = ProfileForm(
            profile_form_data(member.profile),
            {"avatar_upload": upload(b"geen foto", "photo.jpg")},
            instance=member.profile,
        )
        assert not form.is_valid()
        assert form.errors["avatar_upload"] == [NOT_AN_IMAGE]


def test_uploaded_photo_is_stored_re_encoded_under_random_names(client, member, settings):
    client.force_login(member)
    response = post_photo(client, member, jpeg_with_exif())
    assert response.status_code == 302

    profile = Profile.objects.get(user=member)
    assert RANDOM_NAME.match(profile.avatar.name)
    assert RANDOM_NAME.match(profile.avatar_small.name)
    assert profile.avatar.name != profile.avatar_small.name
    files = avatar_files(settings)
    stored = [Path(profile.avatar.name).name, Path(profile.avatar_small.name).name]
    assert [f.name for f in files] == sorted(stored)
    assert not [f for f in files if "vakantie" in f.name or "heerlen" in f.name]
    for path, size in ((profile.avatar.path, 512), (profile.avatar_small.path, 128)):
        assert Path(path).parent == Path(settings.MEDIA_ROOT) / "avatars"
        with Image.open(path) as stored:
            assert stored.format == "JPEG"
            assert stored.size == (size, size)
            assert not stored.getexif()
        assert ARTIST.encode() not in Path(path).read_bytes()


def test_new_photo_replaces_the_old_files(
    client, member, settings, django_capture_on_commit_callbacks
):
    client.force_login(member)
    post_photo(client, member, jpeg_with_exif())
    old = avatar_files(settings)
    assert len(old) == 2
    with django_capture_on_commit_callbacks(execute=True):
        post_photo(client, member, transparent_png(), "nieuw.png")
    new = avatar_files(settings)
    assert len(new) == 2
    assert not set(old) & set(new)
    profile = Profile.objects.get(user=member)
    assert {Path(profile.avatar.path), Path(profile.avatar_small.path)} == set(new)


def test_member_removes_the_photo_and_its_files(
    client, member, settings, django_capture_on_commit_callbacks
):
    client.force_login(member)
    post_photo(client, member, jpeg_with_exif())
    assert len(avatar_files(settings)) == 2
    page = html.unescape(client.get(reverse("members:my_profile")).content.decode())
    assert "Mijn foto verwijderen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:my_profile"),
            {**profile_form_data(member.profile), "remove_avatar": "on"},
        )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert not profile.avatar and not profile.avatar_small
    assert avatar_files(settings) == []


def test_a_rolled_back_photo_change_keeps_the_old_files(client, member, settings):
    """The old files go only once the new names are committed (PhotoUploadForm)."""
    client.force_login(member)
    post_photo(client, member, jpeg_with_exif())
    old = avatar_files(settings)
    form = ProfileForm(
        profile_form_data(member.profile),
        {"avatar_upload": upload(transparent_png(), "nieuw.png")},
        instance=Profile.objects.get(user=member),
    )
    assert form.is_valid(), form.errors
    with pytest.raises(RuntimeError), transaction.atomic():
        form.save()
        raise RuntimeError("the request fails after the save")
    assert set(old) <= set(avatar_files(settings))
    profile = Profile.objects.get(user=member)
    assert {Path(profile.avatar.path), Path(profile.avatar_small.path)} == set(old)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Dit is tekst.\n" * 50, "photo.jpg", NOT_AN_IMAGE),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "photo.svg",
            NOT_AN_IMAGE,
        ),
        (bomb_png((20000, 20000)), "photo.png", TOO_MANY_PIXELS),
        (b"\xff\xd8\xff" + b"\x00" * MAX_UPLOAD_BYTES, "photo.jpg", TOO_LARGE),
    ],
    ids=["text", "svg", "bomb", "over-5-mb"],
)
def test_refused_photo_shows_the_dutch_message_and_saves_nothing(
    client, member, settings, data, name, message
):
    client.force_login(member)
    before = Profile.objects.get(user=member)
    response = post_photo(client, member, data, name, display_name="Nieuwe Naam")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert "<title>Fout:" in page
    after = Profile.objects.get(user=member)
    assert after.display_name == before.display_name
    assert not after.avatar and not after.avatar_small
    assert avatar_files(settings) == []


def test_photo_with_a_long_comment_is_saved_through_the_view(client, member):
    client.force_login(member)
    data = encode(picture().convert("P"), "GIF", comment=b"<script>" * 10_000)
    response = post_photo(client, member, data, "photo.gif")
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert b"<script" not in Path(profile.avatar.path).read_bytes()


def test_refused_photo_keeps_the_current_photo(client, member, settings):
    client.force_login(member)
    post_photo(client, member, jpeg_with_exif())
    kept = avatar_files(settings)
    before = Profile.objects.get(user=member)
    response = post_photo(client, member, b"geen foto", "photo.jpg")
    assert response.status_code == 200
    assert avatar_files(settings) == kept
    after = Profile.objects.get(user=member)
    assert (after.avatar.name, after.avatar_small.name) == (
        before.avatar.name,
        before.avatar_small.name,
    )


# --- Serving photos ----------------------------------------------------------------


def fetch(client, profile: Profile, url_name: str = "members:avatar"):
    return client.get(reverse(url_name, args=[profile.pk]))


def served_image(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def pictured(db):
    user = make_member("foto@example.org", display_name="Lid Met Foto")
    give_photo(user.profile, *process_avatar(upload(jpeg_with_exif())))
    return user.profile


@pytest.mark.parametrize(
    ("url_name", "size"), [("members:avatar", 512), ("members:avatar_small", 128)]
)
def test_members_get_the_photo_as_jpeg(client, pictured, url_name, size):
    client.force_login(make_member("kijker@example.org"))
    response = fetch(client, pictured, url_name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    image = served_image(response)
    assert image.format == "JPEG" and image.size == (size, size)


def test_coordinator_gets_the_photo(client, coordinator, pictured):
    client.force_login(coordinator)
    assert fetch(client, pictured).status_code == 200


def test_visitor_is_sent_to_the_login_page(client, pictured):
    response = fetch(client, pictured)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_applicant_gets_no_photo_of_a_member(client, pictured):
    applicant = make_user("aanvrager@example.org")
    make_profile(applicant, MembershipStatus.APPLIED)
    client.force_login(applicant)
    assert fetch(client, pictured).status_code == 404
    assert fetch(client, pictured, "members:avatar_small").status_code == 404


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_photo_of_an_inactive_member_is_for_the_owner_and_coordinator_only(
    client, coordinator, pictured, status
):
    Profile.objects.filter(pk=pictured.pk).update(status=status)
    client.force_login(make_member("kijker@example.org"))
    assert fetch(client, pictured).status_code == 404
    client.force_login(pictured.user)
    assert fetch(client, pictured).status_code == 200
    client.force_login(coordinator)
    assert fetch(client, pictured).status_code == 200


def test_profile_without_photo_has_no_photo_address(client, member):
    client.force_login(make_member("kijker@example.org"))
    assert fetch(client, member.profile).status_code == 404
    assert fetch(client, member.profile, "members:avatar_small").status_code == 404


def test_pages_show_the_photo_through_the_checking_view(client, pictured):
    client.force_login(make_member("kijker@example.org"))
    profile_page = client.get(pictured.get_absolute_url()).content.decode()
    large_url = reverse("members:avatar", args=[pictured.pk])
    assert f'src="{large_url}"' in profile_page
    assert 'width="160" height="160"' in profile_page
    directory_page = client.get(reverse("members:directory")).content.decode()
    assert f'src="{reverse("members:avatar_small", args=[pictured.pk])}"' in directory_page
    # The stored file's own address is never given out.
    assert pictured.avatar.name not in profile_page + directory_page
