"""Notification tests reuse the dossier fixtures (procedure versions)."""

from tests.dossiers.conftest import version

__all__ = ["version"]
