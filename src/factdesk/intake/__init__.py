"""Articles in: cleaning, sentences, candidate claims and ``add-article``."""
