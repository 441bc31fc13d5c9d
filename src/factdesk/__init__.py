"""factdesk: news articles turned into a checkable, reproducible fact base and story notebooks."""

__version__ = "0.1.0"
