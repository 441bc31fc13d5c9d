"""Static chart images: a Chromium that stops answering neither hangs a render nor loses a
chart (:func:`factdesk.build.images.write_images`, with Kaleido's drawing replaced by a fake
whose first calls never answer)."""

from __future__ import annotations

import asyncio

import pytest

from factdesk.build import images
from factdesk.build.writing import BuildError

FIGURE = {
    "data": [{"type": "bar", "x": ["a"], "y": [1]}],
    "layout": {},
    "config": {"locale": "en"},
}


def _chromium(hangs: int):
    """A fake ``images._draw`` whose first ``hangs`` calls never answer; then it draws."""
    calls: list[str] = []

    async def draw(todo, folder, language):
        calls.append(language)
        if len(calls) <= hangs:
            await asyncio.sleep(3600)  # a tab that never answers
        for key in todo:
            for suffix in images.FORMATS:
                (folder / f"{key}.{suffix}").write_bytes(f"{suffix} of {key}".encode())

    return draw, calls


@pytest.fixture
def target(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "DRAW_SECONDS", 0.2)
    out = tmp_path / "reports"
    out.mkdir()
    return out / "chart.png"


def test_a_chromium_that_stops_answering_is_started_again(target, monkeypatch):
    draw, calls = _chromium(hangs=1)
    monkeypatch.setattr(images, "_draw", draw)
    drawn = images.write_images([(target, FIGURE)], target.parent / "cache", out=target.parent)
    assert drawn == 1
    assert calls == ["en", "en"]
    assert target.read_bytes() == f"png of {images.figure_key(FIGURE)}".encode()


def test_a_chromium_that_never_answers_is_one_clear_error(target, monkeypatch):
    draw, calls = _chromium(hangs=images.ATTEMPTS)
    monkeypatch.setattr(images, "_draw", draw)
    with pytest.raises(BuildError) as caught:
        images.write_images([(target, FIGURE)], target.parent / "cache", out=target.parent)
    assert str(caught.value) == (
        f"static images: Chromium did not finish drawing the en charts in 0.2 s "
        f"({images.ATTEMPTS} tries); run the render again"
    )
    assert calls == ["en"] * images.ATTEMPTS
    assert not target.exists()
