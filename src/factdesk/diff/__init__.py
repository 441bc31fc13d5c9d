"""What changed in the fact tables between two revisions (``python -m factdesk diff``)."""
