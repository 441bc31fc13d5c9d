"""``render``: execute the story notebooks, export one-file pages, draw chart images."""
