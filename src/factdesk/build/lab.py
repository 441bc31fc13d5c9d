"""What JupyterLab shows and saves of a story notebook (``make lab``).

Saved: its inputs only. Running and saving a notebook leaves the committed ``.ipynb`` as it was
(``git status`` clean, ``make lint`` green): outputs, execution counts and the metadata a
session adds (``language_info``, cell ``execution``/``collapsed``/``scrolled``/``jupyter``
and the like) are dropped; cell ids, tags and the notebook's ``kernelspec`` and ``jupytext``
keys stay. jupytext then writes the ``.py`` twin from the same cells. Hand-written because
nbstripout strips files and git filters, while the server hands us a JSON model; what is kept
is a handful of keys.

Shown: with ``make lab LAB_LANGUAGE=nl``, prose cells tagged for another language
(``lang:en``) open folded (JupyterLab's collapsed input, one click to open), so an author
editing one language's prose sees only it. The fold is a view: it is never saved.
"""

from __future__ import annotations

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class
from traitlets import Unicode

NOTEBOOK_KEYS = ("jupytext", "kernelspec")
CELL_KEYS = ("tags",)
TAG = "lang:"


def stripped(nb: dict) -> dict:
    """A notebook (JSON) with its inputs only."""
    nb["metadata"] = {k: nb["metadata"][k] for k in NOTEBOOK_KEYS if k in nb.get("metadata", {})}
    for cell in nb.get("cells", []):
        cell["metadata"] = {k: cell["metadata"][k] for k in CELL_KEYS if k in cell["metadata"]}
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def folded(nb: dict, language: str) -> dict:
    """A notebook (JSON) whose cells tagged for a language other than ``language`` have their
    input collapsed."""
    for cell in nb.get("cells", []):
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t.startswith(TAG)]
        if tags and f"{TAG}{language}" not in tags:
            cell["metadata"]["jupyter"] = {"source_hidden": True}
    return nb


class StoryContentsManager(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):
    """jupytext's contents manager (notebooks paired with their ``.py`` twins) that saves
    inputs only and folds the prose of other languages than :attr:`language`."""

    language = Unicode("", config=True, help="show this language's prose; fold the others")

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if self.language and content and model.get("type") == "notebook":
            folded(model["content"], self.language)
        return model

    async def save(self, model, path=""):
        if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            stripped(model["content"])  # before jupytext writes the twin from the same cells
        return await super().save(model, path)
