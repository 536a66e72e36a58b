from tests.portal.conftest import frozen, version, web  # noqa: F401  (shared fixtures)
