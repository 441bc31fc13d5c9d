"""The build's steps and the code each one runs, declared once.

Every step's inputs include the engine modules it runs: its entry modules and every project
module they import, followed through the project the way a notebook's imports are
(:func:`factdesk.inputs.modules_of`, static). A change to a module rebuilds exactly the
outputs of the steps that run it: the ClaimReview builder is code of the fact-check pages
and of the downloads, not of the timeline's page. What each output was built from is recorded
in one place, ``reports/manifest.json`` (:mod:`factdesk.build.manifest`).

====================  ==========================================  ==============================
step                  code (entry modules)                        outputs
====================  ==========================================  ==============================
check                 factdesk.facts.check                        (none: a manifest entry)
report (per report)   what the notebook imports                   ``<lang>/<name>.ipynb``
page (per report)     factdesk.build.export, factdesk.build.page  ``<lang>/<name>.html``, charts
  + fact-check page   factdesk.publish.claimreview                (its ClaimReview, embedded)
images                factdesk.build.images                       ``img/*.png``, ``img/*.svg``
publish               factdesk.publish.site                       index, ``data/`` downloads
====================  ==========================================  ==============================
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from factdesk import inputs, paths

CODE: dict[str, tuple[str, ...]] = {
    "check": ("factdesk.facts.check",),
    "page": ("factdesk.build.export", "factdesk.build.page"),
    "claimreview": ("factdesk.publish.claimreview",),
    "images": ("factdesk.build.images",),
    "publish": ("factdesk.publish.site",),
}


@cache
def code(step: str) -> tuple[Path, ...]:
    """The project modules a step runs (its entry modules and what they import)."""
    found = inputs.modules_of([f"import {module}" for module in CODE[step]])
    return tuple(paths.REPOSITORY / relative for relative in found)
