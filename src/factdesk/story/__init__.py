"""What a story notebook uses: :class:`Story` (text, data and output in the report's language
and zone), charts, findings that assert what they state, and the fact-check tables."""

from factdesk.story.notebook import ParameterError, Story

__all__ = ["ParameterError", "Story"]
