"""The newcomer's path: JupyterLab from the venv opens a story notebook on the project kernel,
Run > Run All Cells draws the plotly charts without a single error, and the server shuts down
cleanly. The server serves a copy of the notebook in a temporary folder, so autosave can never
write outputs into the committed notebooks/."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
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

from factdesk import paths

NOTEBOOK = "03-crew.ipynb"
KERNEL_NAME, KERNEL_DISPLAY = "factdesk", "Python (factdesk)"
JUPYTER = Path(sys.executable).with_name("jupyter")
START_TIMEOUT = 120  # seconds: bounds on waiting, never assertions about speed
RUN_TIMEOUT = 300
STOP_TIMEOUT = 60
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], '
    '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'
)

# The notebook's toolbar names the kernel and its execution indicator says it is idle.
KERNEL_IDLE_JS = """(name) => {
  const kernel = document.querySelector('.jp-NotebookPanel .jp-Toolbar-kernelName');
  const state = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return kernel !== null && kernel.textContent.trim() === name
    && state !== null && state.getAttribute('data-status') === 'idle';
}"""
# Run All has finished: the kernel is idle, no cell is queued or running ([*]:), and every code
# cell shows an execution count or a cell failed (JupyterLab stops at an error).
ALL_RUN_JS = f"""() => {{
  const cells = '.jp-Notebook .jp-CodeCell .jp-InputPrompt';
  const prompts = [...document.querySelectorAll(cells)].map(p => p.textContent.trim());
  const state = document.querySelector('.jp-Notebook-ExecutionIndicator');
  const failed = document.querySelector('{ERROR_OUTPUTS}') !== null;
  return prompts.length > 0 && state !== null && state.getAttribute('data-status') === 'idle'
    && !prompts.includes('[*]:')
    && (failed || prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
}}"""


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


@pytest.fixture
def lab(tmp_path):
    """A running `jupyter lab` on a free port with a random token, serving a copy of the
    notebook; yields (base URL, token, process, runtime dir, log file). Shut down by the test;
    killed here if it is still running."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(f"kernel {KERNEL_NAME!r} is not registered: run make setup", pytrace=False)
    assert JUPYTER.is_file(), f"{JUPYTER} is missing: run make setup"
    root = tmp_path / "root"
    root.mkdir()
    shutil.copyfile(paths.NOTEBOOKS / NOTEBOOK, root / NOTEBOOK)
    home = tmp_path / "jupyter"
    env = {k: v for k, v in os.environ.items() if k != "FACTDESK_DATA"}
    env.update(  # nothing of the user's Jupyter state is read or written
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        IPYTHONDIR=str(home / "ipython"),
    )
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    log = tmp_path / "jupyter-lab.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # own process group: the kernel goes with the server
            command,
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}:\n{_log(log)}")
            try:
                status, body = _api(base, token, "/api/status")
                if status == 200 and "started" in body:
                    break
            except (OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer /api/status:\n{_log(log)}")
            time.sleep(0.25)
        yield base, token, process, home / "runtime", log
    finally:
        if process.poll() is None:  # the test failed before shutting the server down
            for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, None)):
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue


def test_run_all_cells_in_jupyterlab(lab, chromium):
    base, token, process, runtime, log = lab
    committed = hashlib.sha256((paths.NOTEBOOKS / NOTEBOOK).read_bytes()).hexdigest()
    with pytest.raises(urllib.error.HTTPError) as refused:
        _api(base, token, "/api/status", auth=False)
    assert refused.value.code == 403, "the server must require its token"

    # The charts the notebook must draw: as many as the committed report (same parameters).
    report = json.loads((paths.REPORTS / "en" / NOTEBOOK).read_text(encoding="utf-8"))
    charts = sum(
        "application/vnd.plotly.v1+json" in output.get("data", {})
        for cell in report["cells"]
        for output in cell.get("outputs", [])
    )
    assert charts >= 1

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
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")

        # The notebook is open on the project kernel, and the kernel is idle.
        page.wait_for_function(KERNEL_IDLE_JS, arg=KERNEL_DISPLAY, timeout=START_TIMEOUT * 1000)
        status, sessions = _api(base, token, "/api/sessions")
        assert [(s["path"], s["kernel"]["name"]) for s in sessions] == [(NOTEBOOK, KERNEL_NAME)]
        cells = page.locator(".jp-Notebook .jp-CodeCell").count()
        assert cells >= 1

        # Run > Run All Cells, then wait until every code cell has an execution count and the
        # kernel is idle again.
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.wait_for_function(ALL_RUN_JS, timeout=RUN_TIMEOUT * 1000)
        errors = page.locator(ERROR_OUTPUTS)
        assert errors.count() == 0, f"error/stderr outputs: {errors.all_text_contents()}"
        prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_text_contents()
        assert [p.strip() for p in prompts] == [f"[{n}]:" for n in range(1, cells + 1)]
        plots = page.locator(".jp-Notebook .jp-OutputArea .js-plotly-plot")
        assert plots.count() == charts, f"{plots.count()} plotly charts drawn, expected {charts}"
        for n in range(charts):
            assert plots.nth(n).locator("svg.main-svg").count() >= 1, f"chart {n} has no SVG"
        first = plots.first
        first.scroll_into_view_if_needed()
        assert first.is_visible()
        assert first.locator(".scatterlayer .trace, .barlayer .trace").count() >= 1
        page.screenshot(path=artifact("jupyterlab-03-crew.png"))
        assert not page_errors, f"JavaScript errors in JupyterLab: {page_errors}"
        assert not console_errors, f"console errors in JupyterLab: {console_errors}"
        assert not outside, f"JupyterLab made requests outside the server: {outside}"
    finally:
        context.close()

    # Clean shutdown: the API call is accepted, the server exits 0, the kernel is gone.
    status, _ = _api(base, token, "/api/shutdown", method="POST")
    assert status == 200
    try:
        code = process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"jupyter lab still running {STOP_TIMEOUT} s after /api/shutdown")
    assert code == 0, f"jupyter lab exited with {code}:\n{_log(log)}"
    assert not list(runtime.glob("kernel-*.json")), "a kernel connection file was left behind"
    # The committed notebook was never touched.
    assert hashlib.sha256((paths.NOTEBOOKS / NOTEBOOK).read_bytes()).hexdigest() == committed
