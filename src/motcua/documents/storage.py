"""Where generated and stored documents live.

Local filesystem (MEDIA_ROOT) by default. With ``MOTCUA_STORAGE=s3`` (or a
``STORAGES["documents"]`` entry in Django settings) files go to any S3-compatible store
through django-storages:

- ``MOTCUA_S3_BUCKET`` (required), ``MOTCUA_S3_ENDPOINT_URL`` (for MinIO, Ceph, ...),
  ``MOTCUA_S3_REGION``, ``MOTCUA_S3_ACCESS_KEY_ID`` / ``MOTCUA_S3_SECRET_ACCESS_KEY``
  (or the usual AWS_* variables / instance role).

Files are private (no ACL, no public URL): they are always served through the
permission-checked download view, never from the store's address.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage, default_storage, storages

from motcua.conf import env_str


def document_storage() -> Storage:
    """Called once, when the models load (a callable ``storage=`` keeps migrations free
    of deployment details)."""
    if "documents" in getattr(settings, "STORAGES", {}):
        return storages["documents"]
    kind = _storage_kind()
    if kind == "local":
        return default_storage
    if kind == "s3":
        return _s3()
    raise ImproperlyConfigured(f"MOTCUA_STORAGE must be local or s3, not {kind!r}.")


@cache
def _storage_kind() -> str:
    return env_str("MOTCUA_STORAGE", "local", "Where documents are stored: local or s3.")


def _s3() -> Storage:
    from storages.backends.s3 import S3Storage

    bucket = env_str("MOTCUA_S3_BUCKET", "", "Bucket of the S3-compatible document store.")
    if not bucket:
        raise ImproperlyConfigured("MOTCUA_STORAGE=s3 needs MOTCUA_S3_BUCKET.")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    endpoint = env_str("MOTCUA_S3_ENDPOINT_URL", "", "Endpoint of a non-AWS S3 store.")
    region = env_str("MOTCUA_S3_REGION", "", "Region of the S3 bucket.")
    key_id = env_str("MOTCUA_S3_ACCESS_KEY_ID", "", "Access key id of the S3 store.")
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    if key_id:
        from motcua.documents.conf import secret

        options["access_key"] = key_id
        options["secret_key"] = secret("MOTCUA_S3_SECRET_ACCESS_KEY")
    return S3Storage(**options)


def random_name(prefix: str) -> str:
    """A path nobody can guess or derive from the document's content or owner."""
    return f"{prefix}/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}.pdf"


def generated_path(instance: object, filename: str) -> str:
    return random_name("documents")


def stored_path(instance: object, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"store/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}.{suffix[:5]}"
