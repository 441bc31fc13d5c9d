"""Static chart images: a Chromium that stops answering neither hangs a render nor loses a
chart (:func:`factdesk.build.images.write_images`, with Kaleido's drawing replaced by a fake
whose first calls never answer)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from factdesk.build import images
from factdesk.build.writing import BuildError

FIGURE = {
    "data": [{"type": "bar", "x": ["a"], "y": [1]}],
    "layout": {},
    "config": {"locale": "en"},
}


class Browser:
    """What the bounded drawing uses of a Kaleido instance: its process, and close."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.subprocess, self.closed = process, False

    async def close(self) -> None:
        self.closed = True


def _chromium(hangs: int):
    """A fake ``images._draw`` whose first ``hangs`` calls start a "browser" (a process in its
    own session, as Kaleido's Chromium is) that never answers; then it draws."""
    calls: list[str] = []
    browsers: list[Browser] = []

    async def draw(todo, folder, language, started):
        calls.append(language)
        if len(calls) <= hangs:
            browser = Browser(subprocess.Popen(["sleep", "3600"], start_new_session=True))
            browsers.append(browser)
            started.append(browser)
            await asyncio.sleep(3600)  # a tab that never answers
        for key in todo:
            for suffix in images.FORMATS:
                (folder / f"{key}.{suffix}").write_bytes(f"{suffix} of {key}".encode())

    return draw, calls, browsers


@pytest.fixture
def target(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "DRAW_SECONDS", 0.2)
    out = tmp_path / "reports"
    out.mkdir()
    return out / "chart.png"


def test_a_chromium_that_stops_answering_is_started_again(target, monkeypatch):
    draw, calls, browsers = _chromium(hangs=1)
    monkeypatch.setattr(images, "_draw", draw)
    with pytest.warns(RuntimeWarning, match="stopped answering while drawing the en charts"):
        drawn = images.write_images([(target, FIGURE)], target.parent / "cache", out=target.parent)
    assert drawn == 1
    assert calls == ["en", "en"]
    assert [b.subprocess.wait(timeout=5) for b in browsers] == [-9]  # the stuck one killed
    assert [b.closed for b in browsers] == [True]  # and closed (its threads end)
    assert target.read_bytes() == f"png of {images.figure_key(FIGURE)}".encode()


def test_a_chromium_that_never_answers_is_one_clear_error(target, monkeypatch):
    draw, calls, browsers = _chromium(hangs=images.ATTEMPTS)
    monkeypatch.setattr(images, "_draw", draw)
    with pytest.raises(BuildError) as caught, pytest.warns(RuntimeWarning):
        images.write_images([(target, FIGURE)], target.parent / "cache", out=target.parent)
    assert str(caught.value) == (
        f"static images: Chromium did not finish drawing the en charts in 0.2 s "
        f"({images.ATTEMPTS} tries); run the render again"
    )
    assert calls == ["en"] * images.ATTEMPTS
    assert [b.subprocess.wait(timeout=5) for b in browsers] == [-9] * images.ATTEMPTS
    assert all(b.closed for b in browsers)
    assert not target.exists()


# A real Chromium, stopped (SIGSTOP) as soon as Kaleido starts it: a browser that never answers.
STOPPED = """
import asyncio, os, signal, sys
from pathlib import Path
from factdesk.build import images

images.DRAW_SECONDS = 12
real, calls = images._draw, []

async def stop_first(started):
    while not started or getattr(started[0], "subprocess", None) is None:
        await asyncio.sleep(0.05)
    os.killpg(started[0].subprocess.pid, signal.SIGSTOP)

async def draw(todo, folder, language, started):
    calls.append(language)
    if len(calls) == 1:
        asyncio.ensure_future(stop_first(started))
    await real(todo, folder, language, started)

images._draw = draw
out = Path(sys.argv[1])
images.write_images([(out / "chart.png", FIGURE)], out / "cache", out=out)
print(len(calls))
"""


@pytest.mark.slow
def test_a_stopped_chromium_is_killed_and_the_render_exits(tmp_path):
    """With Kaleido and Debian's Chromium: the stopped browser is killed, the charts are drawn
    by a new one, and the process exits (a browser's threads left running would keep it up)."""
    script = f"FIGURE = {FIGURE!r}\n{STOPPED}"
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["2"]  # two attempts
    assert "Chromium stopped answering while drawing the en charts" in done.stderr
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
