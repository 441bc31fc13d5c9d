"""What JupyterLab writes when a story notebook is saved: its inputs only.

``make lab`` installs :func:`pre_save` as the server's pre-save hook, so running and saving a
notebook leaves the committed ``.ipynb`` as it was (``git status`` clean, ``make lint``
green): outputs, execution counts and the metadata a session adds (``language_info``, cell
``execution``/``collapsed``/``scrolled`` and the like) are dropped; cell ids, tags and the
notebook's ``kernelspec`` and ``jupytext`` keys stay. jupytext then writes the ``.py`` twin
from the same cells. Hand-written because nbstripout strips files and git filters, while the
server hands the hook a JSON model; what is kept is a handful of keys.
"""

from __future__ import annotations

NOTEBOOK_KEYS = ("jupytext", "kernelspec")
CELL_KEYS = ("tags",)


def stripped(nb: dict) -> dict:
    """A notebook (JSON) with its inputs only."""
    nb["metadata"] = {k: nb["metadata"][k] for k in NOTEBOOK_KEYS if k in nb.get("metadata", {})}
    for cell in nb.get("cells", []):
        cell["metadata"] = {k: cell["metadata"][k] for k in CELL_KEYS if k in cell["metadata"]}
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def pre_save(model: dict, **_: object) -> None:
    """Jupyter server's pre-save hook (``FileContentsManager.pre_save_hook``)."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        stripped(model["content"])
