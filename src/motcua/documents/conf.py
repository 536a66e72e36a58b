"""Settings of the documents layer.

Read once from the environment through ``motcua.conf`` (so they are listed with the
other documented settings); a Django setting of the same name wins, which is how tests
and deployments that prefer settings files override them. Secrets (the signing
passphrase, the PKCS#11 PIN) are read only when needed and may come from a ``*_FILE``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from motcua.conf import DOCUMENTED, ConfigError, Setting, env_bool, env_int, env_list, env_str

PASSPHRASE_ENV = "MOTCUA_SIGNING_PASSPHRASE"  # noqa: S105 (a variable name)
PKCS11_PIN_ENV = "MOTCUA_PKCS11_PIN"

DOCUMENTED.extend(
    [
        Setting(
            PASSPHRASE_ENV,
            "",
            "Passphrase that encrypts the signing officials' "
            "PKCS#12 keys and the demo CA keys (or MOTCUA_SIGNING_PASSPHRASE_FILE).",
        ),
        Setting(
            PKCS11_PIN_ENV,
            "",
            "User PIN of the PKCS#11 token when "
            "MOTCUA_SIGNING_BACKEND=pkcs11 (or MOTCUA_PKCS11_PIN_FILE).",
        ),
    ]
)

try:
    _ENV: dict[str, Any] = {
        "MOTCUA_SIGNING_BACKEND": env_str(
            "MOTCUA_SIGNING_BACKEND",
            "pkcs12",
            "Where signing keys live: pkcs12 (files in MOTCUA_DATA_DIR/keys) or pkcs11.",
        ),
        "MOTCUA_PKCS11_MODULE": env_str(
            "MOTCUA_PKCS11_MODULE", "", "Path of the PKCS#11 library of the signing token."
        ),
        "MOTCUA_PKCS11_TOKEN": env_str(
            "MOTCUA_PKCS11_TOKEN", "", "Label of the PKCS#11 token holding the signing keys."
        ),
        "MOTCUA_TRUST_ROOTS": env_list(
            "MOTCUA_TRUST_ROOTS",
            "",
            "Comma-separated PEM/DER files of CA certificates that verification trusts "
            "(besides the demo CA while MOTCUA_TRUST_DEMO_CA is on).",
        ),
        "MOTCUA_TRUST_DEMO_CA": env_bool(
            "MOTCUA_TRUST_DEMO_CA",
            True,
            "Trust the demo CA made by `motcua demo-ca`. Turn off in production.",
        ),
        "MOTCUA_VERIFY_MAX_MB": env_int(
            "MOTCUA_VERIFY_MAX_MB",
            20,
            "Largest PDF the public verification page and API accept, in megabytes.",
            minimum=1,
        ),
    }
except ConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from exc


def _get(name: str) -> Any:
    return getattr(settings, name, _ENV.get(name))


def keys_dir() -> Path:
    """Where the PKCS#12 files and the demo CA live (MOTCUA_DATA_DIR/keys)."""
    configured = getattr(settings, "MOTCUA_KEYS_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "keys"


def signing_backend() -> str:
    value = str(_get("MOTCUA_SIGNING_BACKEND"))
    if value not in {"pkcs12", "pkcs11"}:
        raise ImproperlyConfigured(
            f"MOTCUA_SIGNING_BACKEND must be pkcs12 or pkcs11, not {value!r}."
        )
    return value


def pkcs11_module() -> str:
    return str(_get("MOTCUA_PKCS11_MODULE") or "")


def pkcs11_token_label() -> str:
    return str(_get("MOTCUA_PKCS11_TOKEN") or "")


def trust_root_files() -> list[Path]:
    return [Path(v) for v in _get("MOTCUA_TRUST_ROOTS") or []]


def trust_demo_ca() -> bool:
    return bool(_get("MOTCUA_TRUST_DEMO_CA"))


def verify_max_bytes() -> int:
    return int(_get("MOTCUA_VERIFY_MAX_MB")) * 1024 * 1024


def secret(name: str) -> str:
    """A secret from the environment or from the file its ``*_FILE`` names."""
    value = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if value is None and file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE={file_name!r} cannot be read: {exc.strerror}."
            ) from exc
    return value or ""
