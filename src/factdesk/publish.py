"""Publishing outputs built beside the reports (index page, data downloads)."""

from __future__ import annotations


def publish(config) -> None:  # filled in by the publishing step
    return None
