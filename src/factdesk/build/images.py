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
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import warnings
from pathlib import Path

from factdesk import paths
from factdesk.build.writing import BuildError, scratch_folder, write_atomic, write_if_changed
from factdesk.language import formats

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Chromium can stop answering (plotly/Kaleido#134: write_image "randomly hangs"; seen here
# twice, in loaded test runs). Kaleido's own timeout covers drawing one image, not starting the
# browser or its tabs, so one language's drawing is bounded, then tried once more.
DRAW_SECONDS = 90
CLOSE_SECONDS = 15
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


async def _draw(todo: dict[str, dict], folder: Path, language: str, started: list) -> None:
    """Draw figures of one language: plotly's toImage ignores a figure's own locale, so the
    page sets the language's CLDR locale as the default. The Kaleido instance goes into
    ``started`` before its Chromium starts, so that :func:`_within` can kill a stuck one."""
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
    k = kaleido.Kaleido(page_generator=page, n=2, path=chromium())
    started.append(k)
    async with k:
        failures = await k.write_fig_from_object(jobs)
    if failures:
        raise BuildError(f"static images: {type(failures[0]).__name__}: {failures[0]}")


async def _within(todo: dict[str, dict], folder: Path, language: str) -> bool:
    """:func:`_draw` within ``DRAW_SECONDS``; else kill its Chromium and say so (False).
    Killed first, then cancelled, then closed: Kaleido's close waits for an answer from the
    browser, and a browser's threads left running keep the render from exiting."""
    started: list = []
    task = asyncio.ensure_future(_draw(todo, folder, language, started))
    done, _ = await asyncio.wait({task}, timeout=DRAW_SECONDS)
    if done:
        task.result()
        return True
    for browser in started:
        process = getattr(browser, "subprocess", None)  # Chromium's wrapper: its own group
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    task.cancel()
    await asyncio.wait({task}, timeout=CLOSE_SECONDS)
    if task.done() and not task.cancelled():
        task.exception()  # it failed because its browser was killed: nothing more to say
    for browser in started:  # a browser whose start failed is not closed by Kaleido
        with contextlib.suppress(Exception):
            await asyncio.wait_for(browser.close(), CLOSE_SECONDS)
    return False


def _draw_bounded(todo: dict[str, dict], folder: Path, language: str) -> None:
    """One language's charts, in a new Chromium up to ``ATTEMPTS`` times; then a clear error."""
    for attempt in range(1, ATTEMPTS + 1):
        if asyncio.run(_within(todo, folder, language)):
            return
        if attempt < ATTEMPTS:
            warnings.warn(
                f"Chromium stopped answering while drawing the {language} charts "
                f"({DRAW_SECONDS} s); drawing them in a new one",
                RuntimeWarning,
                stacklevel=2,
            )
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
