"""Reading settings from the environment.

Every setting motcua reads is declared here with its type, default and a sentence that
explains it; a value that cannot be parsed stops start-up with a message naming the
variable (never a stack trace deep inside Django).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A setting in the environment has a value motcua cannot use."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


DOCUMENTED: list[Setting] = []


def _declare(name: str, default: str, help: str) -> str:
    DOCUMENTED.append(Setting(name, default, help))
    raw = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if raw is None and file_name:
        try:
            raw = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={file_name!r} cannot be read: {exc.strerror}.") from exc
    return default if raw is None else raw


def env_str(name: str, default: str, help: str) -> str:
    return _declare(name, default, help)


def env_bool(name: str, default: bool, help: str) -> bool:
    raw = _declare(name, "true" if default else "false", help).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, help: str, *, minimum: int = 0) -> int:
    raw = _declare(name, str(default), help).strip()
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: str, help: str) -> list[str]:
    raw = _declare(name, default, help)
    return [item.strip() for item in raw.split(",") if item.strip()]
