"""The two parameters every story notebook takes, checked right after papermill injects them."""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

LANGUAGES: tuple[str, ...] = ("en", "nl")
# Both articles give Dutch time; UTC is the record's zone; Moscow is mission control's.
TIMEZONES: tuple[str, ...] = ("Europe/Amsterdam", "UTC", "Europe/Moscow")
DEFAULT_LANGUAGE = "en"
DEFAULT_TIMEZONE = "Europe/Amsterdam"


class ParameterError(ValueError):
    """A notebook parameter has a value the notebooks cannot use."""


def check_parameters(language: str, timezone: str) -> ZoneInfo:
    """Validate ``language`` and ``timezone``; return the zone. Errors list the valid values."""
    if language not in LANGUAGES:
        raise ParameterError(
            f"unknown language {language!r}; valid values: {', '.join(LANGUAGES)}"
        )
    if not isinstance(timezone, str) or timezone not in available_timezones():
        raise ParameterError(
            f"unknown time zone {timezone!r}; valid values: an IANA time zone "
            f"name, e.g. {', '.join(TIMEZONES)} (the ones the reports use); "
            "the full list is zoneinfo.available_timezones()"
        )
    return ZoneInfo(timezone)
