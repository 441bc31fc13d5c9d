"""The Soyuz MS-19 story: what only this story knows (its record rows, its people, its
findings), on top of the story-agnostic engine in ``factdesk``. A new story gets its own
small package like this one, its data in ``data/`` and its notebooks."""
