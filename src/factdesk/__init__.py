"""factdesk: news articles turned into a checked, reproducible fact base and story notebooks.

The package follows the pipeline a data desk draws on a whiteboard:

* :mod:`factdesk.intake`: articles in (cleaning, sentences, candidate claims, ``add-article``);
* :mod:`factdesk.facts`: the data model, typed tables and ``check`` (schemas and rules);
* :mod:`factdesk.language`: catalogs and CLDR formats for every report language;
* :mod:`factdesk.story`: what a story notebook uses (``Story``, charts, findings, tables);
* :mod:`factdesk.build`: ``render`` (execute, export pages, draw images);
* :mod:`factdesk.publish`: what travels beyond the pages (ClaimReview, TimelineJS, data);
* :mod:`factdesk.diff`: what changed in the fact tables between revisions.
"""

import sys

__version__ = "0.1.0"

# jsonschema (under nbformat, jupytext and papermill) imports rfc3987-syntax when it is
# installed (jupyter-events brings it) and compiles 38 lark grammars, 2-3 s per process, for the
# "iri" formats that no schema read here uses. A process that imported jsonschema before
# factdesk (the JupyterLab server) keeps its checker.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
