"""PNG and SVG of every chart, by kaleido driving Debian's Chromium, fully offline.

* Each distinct figure is drawn once, however many reports show it, and only when its
  content-addressed copy in ``reports/.cache/img/`` is missing: an unchanged chart is never
  drawn again.
* The page kaleido draws in loads the vendored plotly.js and the CLDR locales, and MathJax is
  off: no network request at all (kaleido's default fetches MathJax from a CDN).
* Plotly gives every SVG a random id; it is replaced by one derived from the figure, so the
  same figure always gives the same bytes.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from factdesk import paths
from factdesk.build.writing import BuildError, scratch_folder, write_atomic, write_if_changed
from factdesk.language import formats

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Chromium can stop answering (plotly/Kaleido#134: write_image "randomly hangs"; seen here once,
# on a loaded machine). Kaleido's own timeout covers drawing one image, not starting the browser
# or its tabs, so one language's drawing is bounded, and tried once more in a new Chromium.
DRAW_SECONDS = 90
ATTEMPTS = 2
UID = re.compile(rb'id="defs-([0-9a-f]{6})"')
FORMATS = ("png", "svg")


def chromium() -> str:
    for candidate in CHROMIUM:
        if Path(candidate).exists():
            return candidate
    raise BuildError(
        "static images need Chromium: install Debian's package (apt-get install chromium)"
    )


def figure_key(spec: dict) -> str:
    blob = json.dumps(spec, sort_keys=True, separators=(",", ":")).encode()
    salt = (paths.VENDOR / "VERSIONS").read_bytes() + b"trace uids"  # drawn with set uids
    return hashlib.sha256(blob + salt).hexdigest()[:24]


def stable_svg(data: bytes, key: str) -> bytes:
    """Replace plotly's random document id with one derived from the figure."""
    found = UID.search(data)
    return data.replace(found.group(1), key[:6].encode()) if found else data


async def _draw(todo: dict[str, dict], folder: Path, language: str) -> None:
    """Draw figures of one language: plotly's toImage ignores a figure's own locale, so the
    page sets the language's CLDR locale as the default."""
    import kaleido

    script = folder / f"locale-{language}.js"
    script.write_text(
        f"Plotly.register({json.dumps(formats.plotly_locale(language))});\n"
        f"Plotly.setPlotConfig({{locale: {json.dumps(language)}}});\n",
        encoding="utf-8",
    )
    page = kaleido.PageGenerator(
        plotly=str(paths.VENDOR / "plotly-basic.min.js"), mathjax=False, others=[str(script)]
    )
    jobs = [
        {"fig": spec, "path": str(folder / f"{key}.{suffix}"), "opts": {"format": suffix}}
        for key, spec in todo.items()
        for suffix in FORMATS
    ]
    async with kaleido.Kaleido(page_generator=page, n=2, path=chromium()) as k:
        failures = await k.write_fig_from_object(jobs)
    if failures:
        raise BuildError(f"static images: {type(failures[0]).__name__}: {failures[0]}")


def _draw_bounded(todo: dict[str, dict], folder: Path, language: str) -> None:
    """:func:`_draw`, stopped after ``DRAW_SECONDS`` (Kaleido then closes its Chromium, killing
    it if need be) and started again, ``ATTEMPTS`` times in all; then a clear error."""
    for _ in range(ATTEMPTS):
        try:
            asyncio.run(asyncio.wait_for(_draw(todo, folder, language), DRAW_SECONDS))
            return
        except TimeoutError:
            continue
    raise BuildError(
        f"static images: Chromium did not finish drawing the {language} charts in "
        f"{DRAW_SECONDS} s ({ATTEMPTS} tries); run the render again"
    )


def write_images(
    figures: list[tuple[Path, dict]], cache: Path, redraw: bool = False, out: Path | None = None
) -> int:
    """Write every (target, figure spec); return how many distinct figures were drawn
    (``redraw``: all of them, not only those missing from the cache). Scratch files go to a
    scratch folder of the render into ``out`` (:func:`~factdesk.build.writing.scratch_folder`)."""
    keys = {str(target): figure_key(spec) for target, spec in figures}
    todo = {
        keys[str(target)]: spec
        for target, spec in figures
        if redraw or not (cache / f"{keys[str(target)]}.{target.suffix[1:]}").is_file()
    }
    for key, spec in todo.items():  # plotly.js names a trace without uid at random
        traces = [{"uid": f"{key[:6]}{n}", **trace} for n, trace in enumerate(spec["data"])]
        todo[key] = {**spec, "data": traces}
    if todo:
        # Everything Kaleido and Chromium write goes inside one folder of ours (TMPDIR), so
        # a killed render leaves nothing that the next one does not remove.
        with scratch_folder(out or cache) as folder:
            by_language: dict[str, dict[str, dict]] = {}
            for key, spec in todo.items():
                language = spec.get("config", {}).get("locale", "en")
                by_language.setdefault(language, {})[key] = spec
            try:
                saved = os.environ.get("TMPDIR")
                os.environ["TMPDIR"] = str(folder)
                tempfile.tempdir = None  # read TMPDIR again
                try:
                    for language, figures_of in sorted(by_language.items()):
                        _draw_bounded(figures_of, folder, language)
                finally:
                    if saved is None:
                        os.environ.pop("TMPDIR", None)
                    else:
                        os.environ["TMPDIR"] = saved
                    tempfile.tempdir = None
            except BuildError:
                raise
            except Exception as exc:  # noqa: BLE001 - kaleido/Chromium errors vary; name them
                raise BuildError(f"static images: {type(exc).__name__}: {exc}") from None
            for key in todo:
                for suffix in FORMATS:
                    data = (folder / f"{key}.{suffix}").read_bytes()
                    if suffix == "svg":
                        data = stable_svg(data, key)
                    write_atomic(cache / f"{key}.{suffix}", data, "the image cache")
    for target, _ in figures:
        cached = cache / f"{keys[str(target)]}.{target.suffix[1:]}"
        write_if_changed(target, cached.read_bytes(), "a chart image")
    return len(todo)


def clear(cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
