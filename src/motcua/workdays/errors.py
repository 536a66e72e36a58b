"""Errors of the deadline engine; each message is for the person who asked."""

from __future__ import annotations


class CalendarError(ValueError):
    """A computation the calendar refuses."""


class NaiveDatetimeError(CalendarError):
    """An instant without a UTC offset: we cannot know which 16:10 was meant."""


class CalendarRangeError(CalendarError):
    """An instant or a deadline outside the years the calendar was built for."""
