import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()


def _settle() -> None:
    """Load every view now and take what is loaded out of the garbage collector's sight.

    A server process holds about 190,000 objects of imported code (functions, classes,
    modules) that live as long as it does. Each full collection walked all of them: 75 ms
    on a quiet machine, 100-170 ms under load, during which the process answered nobody.
    That was the slowest one per cent of every benchmark scenario, the bare view included.
    Frozen (``gc.freeze``), they are never walked again; what requests create is still
    collected as before.

    Vietnam's public holidays are computed here too (the ``holidays`` package and the
    lunar dates of 26 years, no database): 0.13 s on a quiet machine. The first deadline
    a process computed used to pay it, under load over 0.4 s while that request's
    neighbours waited for the same calendar."""
    from motcua.workdays.national import national_days
    from motcua.workdays.selectors import DEFAULT_YEARS

    get_resolver().url_patterns  # noqa: B018  # imports every view module
    national_days(DEFAULT_YEARS)
    gc.collect()
    gc.freeze()


_settle()
