"""The newcomer's path: ``make lab`` starts JupyterLab on the project root (here a scratch copy,
through FACTDESK_ROOT), bound to localhost behind a token, and prints the URL. In Chromium the
file browser shows the project, a story notebook runs top to bottom on the factdesk kernel
with an edited parameter and draws its plotly charts, the sources notebook shows its
interactive (itables) tables, and the server shuts down cleanly. Saving keeps the repository
clean (the copy is a git repository): a notebook run and saved unedited changes nothing, the
edited one changes only its edited cell, in the notebook and its twin, never outputs.

Then the render side of "exploring never reaches a report by accident": rendering the scratch
copy, whose notebook now holds edited parameters, gives the same report as before the lab
session: papermill's injected parameters decide.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import (
    VIEWPORT,
    artifact,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
)
from project import Project, base_language

from factdesk import paths
from factdesk.build import config as configuration

STORY = "notebooks/03-crew.ipynb"  # run with an edited parameters cell
EXPLORE = "notebooks/01-sources.ipynb"  # run for the itables views of its long tables
BASE = base_language()
REPORT = f"{BASE}/03-crew"


def _edited():
    """The committed report the lab session's parameters match: 03-crew in another language
    (the base language if there is none) and, if it has one, a zone other than the default."""
    crew = [r for r in configuration.load().reports if r.notebook == "03-crew"]
    ranked = sorted(crew, key=lambda r: (r.language == BASE, r.timezone == r.default_timezone))
    return ranked[0]


EDITED_REPORT = _edited().key
EDITED = {"language": _edited().language, "timezone": _edited().timezone}
KERNEL_NAME, KERNEL_DISPLAY = "factdesk", "Python (factdesk)"
STAMP = ".venv/.installed-stamp"  # the Makefile's set-up target; the test never reinstalls
START_TIMEOUT = 120  # seconds: bounds on waiting, never assertions about speed
RUN_TIMEOUT = 300
STOP_TIMEOUT = 60
PLOTLY_MIME = "application/vnd.plotly.v1+json"
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], '
    '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'
)

# The notebook's toolbar names the kernel and its execution indicator says it is idle.
KERNEL_IDLE_JS = """(name) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const kernel = panel && panel.querySelector('.jp-Toolbar-kernelName');
  const state = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return kernel !== null && kernel.textContent.trim() === name
    && state !== null && state.getAttribute('data-status') === 'idle';
}"""
# Run All has finished: the kernel is idle, no cell is queued or running ([*]:), and every code
# cell shows an execution count or a cell failed (JupyterLab stops at an error).
ALL_RUN_JS = f"""() => {{
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  const state = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const failed = panel.querySelector('{ERROR_OUTPUTS}') !== null;
  return prompts.length > 0 && state !== null && state.getAttribute('data-status') === 'idle'
    && !prompts.includes('[*]:')
    && (failed || prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
}}"""
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET", auth: bool = True):
    headers = {"Authorization": f"token {token}"} if auth else {}
    request = urllib.request.Request(base + path, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


def _log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-4000:]


def _git(project: Project, *args: str) -> str:
    identity = ["-c", "user.name=factdesk tests", "-c", "user.email=tests@factdesk.invalid"]
    done = subprocess.run(["git", *identity, *args], cwd=project.root, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def _modified(project: Project) -> list[str]:
    return sorted(line[3:] for line in _git(project, "status", "--porcelain").splitlines())


def _save(page, path: Path) -> None:
    """Save the current notebook and wait until the save is over: the file on disk was written,
    JupyterLab has the server's answer (the tab is no longer dirty), and the server's atomic
    writes removed their backups (``.~<name>``, beside the notebook and its twin)."""
    before = path.stat().st_mtime_ns
    dirty = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current.jp-mod-dirty")
    assert dirty.count() == 1, f"{path.name}: nothing to save (its tab is not marked dirty)"
    page.locator(f"{PANEL} .jp-Toolbar [data-command='docmanager:save']").click()
    deadline = time.monotonic() + STOP_TIMEOUT
    while path.stat().st_mtime_ns == before or dirty.count() or any(path.parent.glob(".~*")):
        if time.monotonic() > deadline:
            page.screenshot(path=artifact("jupyterlab-not-saved.png"))
            dialogs = page.locator(".jp-Dialog").all_text_contents()
            pytest.fail(f"JupyterLab did not save {path.name} (dialogs: {dialogs})")
        page.wait_for_timeout(250)  # not time.sleep: routed requests need Playwright's loop


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _charts(nb: dict) -> list[dict]:
    return [
        output["data"][PLOTLY_MIME]
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if PLOTLY_MIME in output.get("data", {})
    ]


def _interactive_tables(nb: dict) -> int:
    """The long (``data``) tables of an executed notebook: JupyterLab shows each searchable."""
    return sum(
        bool(output.get("metadata", {}).get("factdesk", {}).get("data"))
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
    )


def _render(project: Project, *names: str) -> None:
    done = project.run("render", *names)
    assert done.returncode == 0, f"render failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture
def lab(tmp_path, built):
    """``make lab`` serving a scratch copy of the project on a free port with a known token
    (FACTDESK_ROOT points at the copy; Jupyter's own state lives in tmp_path). Yields
    (project, base URL, token, process, runtime dir, log). The test shuts the server down;
    it is killed here if it is still running."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(f"kernel {KERNEL_NAME!r} is not registered: run make setup", pytrace=False)
    assert (paths.REPOSITORY / STAMP).is_file(), "the venv is not set up: run make setup"
    # The baseline, the reports before anyone explored: the session's rendered copy.
    shutil.copytree(built.root, tmp_path / "project")
    project = Project(tmp_path / "project")
    shutil.copy2(paths.REPOSITORY / ".gitignore", project.path(".gitignore"))
    _git(project, "init", "-q")  # a clone: what the lab may leave modified is git's to say
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "the copy as committed")
    home = tmp_path / "jupyter"
    port, token = _free_port(), secrets.token_hex(24)
    env = project.env(  # nothing of the user's Jupyter state is read or written
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        IPYTHONDIR=str(home / "ipython"),
    )
    env.pop("CI", None)
    # Exactly the Makefile's recipe (-o: set-up is `make setup`'s business, never re-run here).
    command = ["make", "-s", "-C", str(paths.REPOSITORY), "-o", STAMP, "lab"]
    command += [f"LAB_PORT={port}", f"LAB_TOKEN={token}", f"LAB_LANGUAGE={EDITED['language']}"]
    log = tmp_path / "make-lab.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # own process group: the kernels go with the server
            command,
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        base = None
        while True:
            if process.poll() is not None:
                pytest.fail(f"make lab exited with {process.returncode}:\n{_log(log)}")
            if base is None:
                printed = re.search(r"(http://\S+)/lab\?token=(\S+)", log.read_text())
                if printed:
                    base = printed.group(1)
                    assert base == f"http://127.0.0.1:{port}", f"make lab prints {base}"
                    assert printed.group(2) == token
            if base is not None:
                try:
                    status, body = _api(base, token, "/api/status")
                    if status == 200 and "started" in body:
                        break
                except (OSError, ValueError):
                    pass
            if time.monotonic() > deadline:
                pytest.fail(f"make lab did not answer /api/status:\n{_log(log)}")
            time.sleep(0.25)
        yield project, base, token, process, home / "runtime", log
    finally:
        if process.poll() is None:  # the test failed before shutting the server down
            for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, None)):
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue


def _other_prose(nb: dict, language: str) -> int:
    """How many cells are tagged for a language other than ``language``."""
    tags = [
        [t for t in c["metadata"].get("tags", []) if t.startswith("lang:")] for c in nb["cells"]
    ]
    return sum(1 for found in tags if found and f"lang:{language}" not in found)


def _open(page, path: str) -> None:
    """Open a notebook by double-clicking through the file browser, from the root."""
    page.locator(".jp-BreadCrumbs-home").click()
    for part in path.split("/"):
        item = page.locator(
            ".jp-DirListing-item",
            has=page.locator(
                ".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(part)}$")
            ),
        )
        item.dblclick()
    page.wait_for_function(KERNEL_IDLE_JS, arg=KERNEL_DISPLAY, timeout=START_TIMEOUT * 1000)


def _run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(ALL_RUN_JS, timeout=RUN_TIMEOUT * 1000)
    errors = page.locator(", ".join(f"{PANEL} {s}" for s in ERROR_OUTPUTS.split(", ")))
    assert errors.count() == 0, f"error/stderr outputs: {errors.all_text_contents()}"
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_text_contents()
    assert [p.strip() for p in prompts] == [f"[{n}]:" for n in range(1, len(prompts) + 1)]


def test_make_lab_runs_a_story_notebook(lab, chromium):
    project, base, token, process, runtime, log = lab
    real = {p: _sha(paths.REPOSITORY / p) for p in (STORY, EXPLORE)}
    story = project.path(STORY)
    before_lab = _sha(story)
    with pytest.raises(urllib.error.HTTPError) as refused:
        _api(base, token, "/api/status", auth=False)
    assert refused.value.code == 403, "the server must require its token"
    edited = _nb(project.reports / f"{EDITED_REPORT}.ipynb")  # what the edited run must show
    charts = _charts(edited)
    assert charts, f"{EDITED_REPORT} has no chart"

    outside, page_errors, console_errors = [], [], []
    local = (f"{base}/", f"{base.replace('http:', 'ws:')}/", "blob:", "data:")

    def route(route) -> None:
        if route.request.url.startswith(local):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = chromium.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda r: r.url.startswith(local) or outside.append(r.url))
        page.on("websocket", lambda ws: ws.url.startswith(local) or outside.append(ws.url))
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
        page.goto(f"{base}/lab?token={token}")

        # The file browser shows the project root (the scratch copy).
        listing = page.locator(".jp-DirListing-content .jp-DirListing-itemText")
        listing.first.wait_for(timeout=START_TIMEOUT * 1000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-DirListing-itemText')]"
            ".map(e => e.textContent).includes('reports')",
            timeout=START_TIMEOUT * 1000,
        )
        names = {n.strip() for n in listing.all_text_contents()}
        assert {"data", "notebooks", "reports", "reports.yml"} <= names, names
        status, root = _api(base, token, "/api/contents/")
        shown = {p.name for p in project.root.iterdir() if not p.name.startswith(".")}
        assert {c["name"] for c in root["content"]} == shown

        # The story notebook on the factdesk kernel, the only session; LAB_LANGUAGE folds the
        # prose of the other languages (a placeholder stands for each folded input).
        _open(page, STORY)
        status, sessions = _api(base, token, "/api/sessions")
        assert [(s["path"], s["kernel"]["name"]) for s in sessions] == [(STORY, KERNEL_NAME)]
        other = _other_prose(_nb(story), EDITED["language"])
        folded = page.locator(f"{PANEL} .jp-Cell .jp-InputPlaceholder")
        assert other and folded.count() == other, f"{folded.count()} folded, {other} expected"
        page.screenshot(path=artifact("jupyterlab-folded.png"))

        # Explore: other parameters in the parameters cell, then Run All.
        cell = page.locator(f"{PANEL} .jp-CodeCell", has_text="publish = False").first
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.type(
            "".join(f'{k} = "{v}"\n' for k, v in EDITED.items()) + "publish = False"
        )
        page.keyboard.press("Escape")
        _run_all(page)
        plots = page.locator(f"{PANEL} .jp-OutputArea .js-plotly-plot")
        assert plots.count() == len(charts), f"{plots.count()} charts drawn, {len(charts)} made"
        for n, spec in enumerate(charts):
            plot = plots.nth(n)
            assert plot.locator("svg.main-svg").count() >= 1, f"chart {n} has no SVG"
            traces = plot.locator(".scatterlayer .trace, .barlayer .trace").count()
            assert traces == len(spec["data"]), f"chart {n}: {traces} traces drawn"
            title = plot.locator(".gtitle").text_content()
            assert title == _plain(spec["layout"]["title"]["text"]), "not the edited parameters"
        plots.first.scroll_into_view_if_needed()
        assert plots.first.is_visible()
        page.screenshot(path=artifact("jupyterlab-03-crew.png"))
        _save(page, story)
        assert _sha(story) != before_lab, "the edited parameters were not saved"
        cells = _nb(story)["cells"]
        parameters = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
        saved_source = "".join(parameters[0]["source"])
        assert f'language = "{EDITED["language"]}"' in saved_source, "the edit was not saved"

        # The sources notebook shows its long tables as itables (search, paging).
        _open(page, EXPLORE)
        _run_all(page)
        expected = _interactive_tables(_nb(project.reports / BASE / "01-sources.ipynb"))
        views = page.locator(f"{PANEL} .jp-OutputArea .dt-container")
        views.first.wait_for(timeout=RUN_TIMEOUT * 1000)
        assert views.count() == expected >= 1, f"{views.count()} itables, {expected} expected"
        assert views.first.locator("input[type=search]").count() == 1
        views.first.scroll_into_view_if_needed()
        page.screenshot(path=artifact("jupyterlab-01-sources.png"))
        # Run and saved without an edit: the repository is as clean as before (the saved
        # notebook holds its inputs only; its twin is written from the same cells).
        _save(page, project.path(EXPLORE))
        assert _modified(project) == [STORY, STORY.replace(".ipynb", ".py")]
    finally:
        context.close()

    # Clean shutdown: the API call is accepted, make lab exits 0, no kernel is left.
    status, _ = _api(base, token, "/api/shutdown", method="POST")
    assert status == 200
    try:
        code = process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"make lab still running {STOP_TIMEOUT} s after /api/shutdown")
    assert code == 0, f"make lab exited with {code}:\n{_log(log)}"
    assert not list(runtime.glob("kernel-*.json")), "a kernel connection file was left behind"
    # The lab wrote into the copy only.
    assert {p: _sha(paths.REPOSITORY / p) for p in real} == real
    saved = _nb(story)
    assert not _charts(saved) and not any(c.get("outputs") for c in saved["cells"]), (
        "the lab saved outputs into the story notebook"
    )
    assert "language_info" not in saved["metadata"]
    checked = project.run("check")  # the twin was written from the same cells: in sync
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Rendering the explored copy: papermill's parameters decide and saved outputs are dropped,
    # so every output is the same as before the lab session.
    baseline = _nb(project.reports / f"{REPORT}.ipynb")
    _render(project, REPORT)
    after = _nb(project.reports / f"{REPORT}.ipynb")
    assert [c.get("outputs") for c in after["cells"]] == [
        c.get("outputs") for c in baseline["cells"]
    ]
    assert [c.get("execution_count") for c in after["cells"]] == [
        c.get("execution_count") for c in baseline["cells"]
    ]
    assert after["metadata"]["papermill"]["parameters"] == {
        "language": BASE,
        "timezone": configuration.load().default_timezone,
        "publish": True,
    }
    injected = [
        c for c in after["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    ]
    assert len(injected) == 1 and f'language = "{BASE}"' in "".join(injected[0]["source"])

    # Last, what the browser saw in the whole session (checked last so that one JavaScript
    # error in a third-party output does not hide the results above).
    assert not outside, f"JupyterLab made requests outside the server: {outside}"
    assert not page_errors, f"JavaScript errors in JupyterLab: {page_errors}"
    assert not console_errors, f"console errors in JupyterLab: {console_errors}"


def _plain(text: str) -> str:
    """Chart text as plotly shows it (entities decoded)."""
    import html

    return html.unescape(text)
