"""Uploaded files that only some may see, handed out after the view has checked access.

Members' photos, attachments and handouts have no public address: a view decides who may
have the file, then calls `serve`, which hands it out in the way the storage allows
(settings: MEDIA_ROOT, MEDIA_ACCEL_REDIRECT, S3_BUCKET):

- files in an S3-compatible bucket: a redirect to a signed address of the bucket that
  works for S3_SIGNED_URL_SECONDS, with the file's type and name in it;
- files in the shared folder, with nginx in front (MEDIA_ACCEL_REDIRECT set): an empty
  answer whose X-Accel-Redirect header tells nginx to send the file from its internal
  location (deploy/nginx/leeratelier.conf); no worker waits on a slow download;
- otherwise Django streams the file itself.

The answer is never kept by a shared cache: an item can turn members-only at any moment.
"""

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


def serve(
    file: FieldFile,
    *,
    content_type: str,
    download_name: str | None = None,
    max_age: int = 0,
) -> HttpResponseBase:
    """The file for a reader the view has let through: as a download named `download_name`,
    or shown in the page when that is None; the reader's browser may keep it `max_age`
    seconds (0: ask again each time)."""
    disposition = content_disposition_header(download_name is not None, download_name or "")
    if isinstance(file.storage, S3Storage):
        redirect = HttpResponseRedirect(
            file.storage.url(
                file.name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseContentDisposition": disposition or "inline",
                },
            )
        )
        # The signed address expires soon: the redirect itself is never reused.
        redirect["Cache-Control"] = "private, no-store"
        return redirect
    response: HttpResponseBase
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(file.name or "")
    else:
        response = FileResponse(file.open("rb"), content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"private, max-age={max_age}" if max_age else "private, no-cache"
    return response
