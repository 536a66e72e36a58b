"""Log records that would alarm an operator for nothing.

Django logs a form refused for its size (too many files or fields, too much data) on
`django.security.<exception>` at ERROR level with the traceback. Nothing is broken: the
person gets a page that says what to do (`core.views.bad_request`). Such a record is
told as a warning in one line, so an operator's error alerts stay about the system.

granian warns at every start that its pool of Python threads is large for the cores. It
is large by design (``motcua.cli._serve_command``): the threads beyond the admitted
requests only answer 503 during a surge. ``granian_logging.json`` (passed as
``--log-config``) drops that one warning and keeps every other."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

PERSONS_LIMITS = (TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig)


class LimitsAreWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, PERSONS_LIMITS):
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
            record.exc_info = None
            record.exc_text = None
        return True


class ThreadPoolByDesign(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Configuration allows spawning up to")
