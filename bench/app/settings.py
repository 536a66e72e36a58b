"""motcua's production settings with the bench URLs on top (baseline view, no-op job)."""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.app.urls"

# The no-op jobs of the jobs scenario run on their own queue, apart from notifications.
TASKS["default"]["QUEUES"] = ["default", "bench"]  # type: ignore[assignment]  # noqa: F405
