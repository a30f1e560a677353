"""Members-only files on storage every app server reaches (atelier/protected_files.py):
still handed out only by the views that check access, whichever way the file travels."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from .factories import make_attachment, make_member, make_resource
from .test_settings import manage, shell

pytestmark = pytest.mark.django_db

ENDPOINT = "http://127.0.0.1:9"  # never reached: a signed address is made locally


@pytest.fixture
def members_file():
    item = make_resource("Verslag wijkavond", visibility="members")
    attachment = make_attachment(item, name="Verslag wijkavond.pdf")
    return attachment, attachment.get_absolute_url()


@pytest.fixture
def s3_media(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "leeratelier-test",
                "endpoint_url": ENDPOINT,
                "region_name": "eu-west-1",
                "access_key": "test-access-key",
                "secret_key": "test-secret-key",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "signature_version": "s3v4",
            },
        },
    }


def test_nginx_sends_the_file_after_the_view_let_the_member_through(client, settings, members_file):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    attachment, url = members_file
    client.force_login(make_member())

    response = client.get(url)

    assert response.status_code == 200
    assert response.content == b""  # nginx adds the file
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(attachment.file.name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Verslag wijkavond.pdf"'
    assert response["Cache-Control"] == "private, no-cache"


def test_a_visitor_gets_no_internal_address(client, settings, members_file):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    _attachment, url = members_file
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")


def test_a_file_in_a_bucket_is_a_redirect_to_a_short_lived_signed_address(
    client, members_file, s3_media
):
    attachment, url = members_file
    client.force_login(make_member())

    response = client.get(url)

    assert response.status_code == 302
    address = urlsplit(response["Location"])
    assert f"{address.scheme}://{address.netloc}" == ENDPOINT
    assert address.path == f"/leeratelier-test/{attachment.file.name}"
    query = parse_qs(address.query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-disposition"] == ['attachment; filename="Verslag wijkavond.pdf"']
    assert query["response-content-type"] == ["application/pdf"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_visitor_gets_no_signed_address(client, members_file, s3_media):
    _attachment, url = members_file
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("Location")


def test_a_members_photo_from_a_bucket_may_be_shown_in_pages(tmp_path):
    """The signed address of a photo is another origin: the page's CSP names it."""
    result = shell(
        "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)",
        tmp_path,
        S3_BUCKET="leeratelier-media",
        S3_ENDPOINT_URL="https://s3.example.net",
    )
    assert result.returncode == 0, result.stderr
    assert "img-src 'self' data: https://s3.example.net;" in result.stdout


def test_without_a_bucket_pages_show_images_from_the_site_only(tmp_path):
    result = shell(
        "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)", tmp_path
    )
    assert "img-src 'self' data:;" in result.stdout


def test_the_internal_location_is_a_path(tmp_path):
    result = manage("check", tmp_path=tmp_path, MEDIA_ACCEL_REDIRECT="protected")
    assert result.returncode != 0
    assert "MEDIA_ACCEL_REDIRECT" in result.stderr


def test_settings_choose_the_bucket_from_the_environment(tmp_path):
    result = shell(
        "from django.core.files.storage import default_storage as s;"
        "print(s.__class__.__name__, s.bucket_name, s.querystring_expire)",
        tmp_path,
        S3_BUCKET="leeratelier-media",
        S3_ENDPOINT_URL="https://s3.example.net",
        S3_SIGNED_URL_SECONDS="30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "leeratelier-media", "30"]
