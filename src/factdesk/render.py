"""Render the report matrix: papermill runs each notebook, nbconvert makes one-file HTML.

What this adds over running ``papermill`` and ``jupyter nbconvert`` by hand:

* **Cached.** A report's inputs (notebook, parameters, data files, src code, dependency
  versions) are hashed; the hash is stored in the executed notebook's metadata. A report whose
  hash is unchanged is not executed again; a missing HTML (or image, or CSV) of an up-to-date
  notebook is exported from the committed notebook without starting a kernel.
* **Parallel.** Stale reports run in a process pool (``--jobs``, both cores by default).
* **Safe.** Every output goes to a temporary file that is renamed into place only on success,
  so a failing or killed render leaves the last good report untouched. A failure names the
  notebook, the cell and the exception; the other reports still render; the exit is non-zero.
* **Deterministic.** Volatile metadata (papermill timings, paths, random cell ids) is
  stripped, so re-rendering unchanged inputs changes no byte.
* **Offline HTML.** Plotly JSON outputs become a stable ``div`` plus the figure JSON;
  plotly.js is inlined once per page; no CDN script is referenced (see the template).
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import os
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path

import yaml

from factdesk import paths

PLOTLY_MIME = "application/vnd.plotly.v1+json"
KERNEL = "factdesk"
HASHED_PACKAGES = (
    "pandas",
    "plotly",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "pandera",
    "ftfy",
    "babel",
    "kaleido",
    "numpy",
)
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Report:
    """One cell of the report matrix: a notebook in a language and a time zone."""

    notebook: str  # stem, e.g. "02-timeline"
    language: str
    timezone: str
    default_timezone: str
    out: Path = paths.REPORTS  # the reports folder (tests render elsewhere)
    notebooks: Path = paths.NOTEBOOKS
    data: tuple[str, ...] = ("**/*",)  # globs under data/ that this notebook reads

    @property
    def name(self) -> str:
        """``02-timeline`` for the default zone, ``02-timeline--europe-moscow`` otherwise."""
        if self.timezone == self.default_timezone:
            return self.notebook
        return f"{self.notebook}--{self.timezone.lower().replace('/', '-')}"

    @property
    def key(self) -> str:
        return f"{self.language}/{self.name}"

    @property
    def source(self) -> Path:
        return self.notebooks / f"{self.notebook}.ipynb"

    @property
    def ipynb(self) -> Path:
        return self.out / self.language / f"{self.name}.ipynb"

    @property
    def html(self) -> Path:
        return self.out / self.language / f"{self.name}.html"

    @property
    def img_dir(self) -> Path:
        return self.out / self.language / "img"

    @property
    def data_dir(self) -> Path:
        return self.out / "data" / self.language / self.name

    @property
    def stamp(self) -> Path:
        return self.out / ".cache" / self.language / f"{self.name}.json"

    @property
    def parameters(self) -> dict[str, str]:
        return {"language": self.language, "timezone": self.timezone}


@dataclass(frozen=True)
class Config:
    """The report matrix and page settings from ``reports.yml``."""

    reports: tuple[Report, ...]
    languages: tuple[str, ...]
    data_as_of: str
    titles: dict[str, str]  # notebook stem -> label key of its title
    out: Path = paths.REPORTS
    claimreview: str = ""  # the notebook whose HTML embeds the ClaimReview JSON-LD


def load_config(
    path: Path = paths.REPORTS_CONFIG, out: Path = paths.REPORTS, notebooks: Path = paths.NOTEBOOKS
) -> Config:
    """Read ``reports.yml`` into the list of reports to render into ``out``."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    default = raw["default_timezone"]
    reports = []
    titles = {}
    for stem, spec in raw["notebooks"].items():
        titles[stem] = spec["title"]
        data = tuple(spec.get("data", ["**/*"]))
        for language in raw["languages"]:
            for zone in spec.get("timezones", [default]):
                reports.append(Report(stem, language, zone, default, out, notebooks, data))
    return Config(
        tuple(reports),
        tuple(raw["languages"]),
        str(raw["data_as_of"]),
        titles,
        out,
        raw.get("claimreview", ""),
    )


# --- hashing -------------------------------------------------------------------------------


def _hash_files(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(str(file.relative_to(paths.SRC)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def shared_inputs_hash() -> str:
    """Hash of what every report depends on: src code, templates, dependency versions."""
    code = [p for p in paths.SRC.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    versions = {name: _version(name) for name in HASHED_PACKAGES}
    digest = hashlib.sha256()
    digest.update(_hash_files(code).encode())
    digest.update(json.dumps(versions, sort_keys=True).encode())
    digest.update(sys.version.split()[0].encode())
    return digest.hexdigest()


_DATA_HASHES: dict[tuple[str, ...], str] = {}


def data_hash(patterns: tuple[str, ...]) -> str:
    """Hash of the data files matching ``patterns`` (globs under data/), computed once each."""
    if patterns not in _DATA_HASHES:
        files = {p for pattern in patterns for p in paths.DATA.glob(pattern) if p.is_file()}
        digest = hashlib.sha256()
        for file in sorted(files):
            digest.update(str(file.relative_to(paths.DATA)).encode())
            digest.update(file.read_bytes())
        _DATA_HASHES[patterns] = digest.hexdigest()
    return _DATA_HASHES[patterns]


def _version(name: str) -> str:
    try:
        return importlib_metadata.version(name)
    except importlib_metadata.PackageNotFoundError:
        return "-"


def report_hash(report: Report, shared: str) -> str:
    """Hash of one report's inputs: code and versions, its data files, notebook, parameters."""
    digest = hashlib.sha256(shared.encode())
    digest.update(data_hash(report.data).encode())
    digest.update(report.source.read_bytes())
    digest.update(json.dumps(report.parameters, sort_keys=True).encode())
    return digest.hexdigest()


def stored_hash(report: Report) -> str | None:
    """The input hash kept in the executed notebook, or None if there is none."""
    try:
        nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return nb.get("metadata", {}).get("factdesk", {}).get("input_hash")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exports_up_to_date(report: Report) -> bool:
    """HTML, images and CSVs were exported from the notebook as it is now."""
    try:
        stamp = json.loads(report.stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp.get("notebook_sha256") != _file_hash(report.ipynb):
        return False
    if stamp.get("config_sha256") != _file_hash(paths.REPORTS_CONFIG):
        return False  # header/footer settings (e.g. data_as_of) changed
    return all((report.out / out).is_file() for out in stamp.get("outputs", []))


# --- atomic writes -------------------------------------------------------------------------


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write a whole file so that readers see the old or the new content, never a part."""
    with atomic_path(target) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")


# --- execution -----------------------------------------------------------------------------


class RenderError(RuntimeError):
    """A report failed; the message names the notebook, the cell and the exception."""


def normalise(nb, report: Report, input_hash: str) -> None:
    """Strip what changes from run to run (timings, paths, random ids) and keep the hash."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {
        "parameters": pm.get("parameters", {}),
        "default_parameters": pm.get("default_parameters", {}),
    }
    nb.metadata["factdesk"] = {
        "input_hash": input_hash,
        "report": report.key,
        "notebook": report.notebook,
        **report.parameters,
    }
    kept = []
    for cell in nb.cells:
        if "notes" in cell.metadata.get("tags", []):
            continue  # notebook-only notes for authors (English); reports carry no such prose
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
        kept.append(cell)
    nb.cells = kept


def _cell_label(run: Path, index: int, exec_count: int | None) -> str:
    """``6 (exec count 6, id …): first line of its code`` for the failed cell of a run.

    Papermill puts an error banner cell at the top of a failed run, so the cell is found by
    its execution count rather than by index.
    """
    import nbformat

    try:
        cells = nbformat.read(run, as_version=4).cells
        cell = next(c for c in cells if c.get("execution_count") == exec_count)
    except (OSError, ValueError, StopIteration):
        return f"{index} (exec count {exec_count})"
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return f"{index} (exec count {exec_count}, id {cell.id}): {first}"


def execute(report: Report, input_hash: str) -> None:
    """Run one notebook with papermill into its report path (atomically)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with atomic_path(report.ipynb) as tmp:
        run = tmp.with_suffix(".run.ipynb")
        try:
            try:
                papermill.execute_notebook(
                    str(report.source),
                    str(run),
                    parameters=report.parameters,
                    kernel_name=KERNEL,
                    progress_bar=False,
                    log_output=False,
                    cwd=str(report.notebooks),
                    request_save_on_cell_execute=False,
                )
            except PapermillExecutionError as exc:
                raise RenderError(
                    f"{paths.display(report.source)} [{report.key}]: cell "
                    f"{_cell_label(run, exc.cell_index, exc.exec_count)} raised "
                    f"{exc.ename}: {exc.evalue}"
                ) from None
            nb = nbformat.read(run, as_version=4)
        finally:
            run.unlink(missing_ok=True)
        normalise(nb, report, input_hash)
        nbformat.write(nb, tmp)


# --- export --------------------------------------------------------------------------------


def _json_for_script(data: object) -> str:
    """JSON safe inside a <script> element: ``</`` and ``<!--`` cannot close or open tags."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def chart_outputs(nb) -> list[tuple[str, dict]]:
    """(chart name, plotly figure spec) of every chart in an executed notebook."""
    charts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if PLOTLY_MIME in output.get("data", {}):
                name = output.get("metadata", {}).get("factdesk", {}).get("chart")
                charts.append((name or f"chart-{len(charts) + 1}", output["data"][PLOTLY_MIME]))
    return charts


def table_outputs(nb) -> list[tuple[str, str]]:
    """(table name, CSV text) of every table in an executed notebook."""
    tables = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("factdesk", {}).get("table")
            if name and "text/csv" in output.get("data", {}):
                tables.append((name, output["data"]["text/csv"]))
    return tables


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def html_page(nb, report: Report, config: Config, source_hash: str, plotlyjs: str) -> str:
    """The one-file HTML of an executed notebook."""
    from nbconvert import HTMLExporter

    from factdesk import labels, tables

    nb = copy.deepcopy(nb)
    here = report.html.parent
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("factdesk", {})
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                div = f"fd-{meta.get('chart', 'chart')}"
                spec = data[PLOTLY_MIME]
                height = spec.get("layout", {}).get("height", 450)
                output["data"] = {
                    "text/html": (
                        f'<div id="{div}" class="fd-chart" style="height:{int(height)}px"></div>'
                        f'<script type="application/json" id="{div}-spec">'
                        f"{_json_for_script(spec)}</script>"
                    )
                }
            elif "table" in meta and "text/html" in data:
                href = _rel(report.data_dir / f"{meta['table']}.csv", here)
                link = html.escape(labels.text("table_download", report.language))
                output["data"] = {
                    "text/html": data["text/html"]
                    + (f'<p class="fd-download"><a href="{html.escape(href)}">{link}</a></p>')
                }
    other = next(lang for lang in config.languages if lang != report.language)
    sources = tables.load_sources()
    listed = [
        f"{row.source_id} ({row.language}): {row.headline or '-'}; {row.published_basis}"
        for row in sources.itertuples()
    ]
    listed.append(labels.text("record_sources", report.language))
    downloads = [
        {
            "href": _rel(config.out / "data" / "datapackage.json", here),
            "label": labels.text("html.datapackage", report.language),
        },
        {
            "href": _rel(config.out / "data" / f"timeline-{report.language}.json", here),
            "label": labels.text("html.timelinejs", report.language),
        },
        {
            "href": _rel(config.out / "data" / f"claimreview-{report.language}.jsonld", here),
            "label": labels.text("html.claimreview", report.language),
        },
    ]
    resources = {
        "factdesk": {
            "source_hash": source_hash,
            "title": labels.text(config.titles[report.notebook], report.language),
            "other_language": other,
            "other_href": _rel(config.out / other / f"{report.name}.html", here),
            "other_label": labels.text("html.other_language", report.language),
            "index_href": _rel(config.out / "index.html", here),
            "index_label": labels.text("html.index", report.language),
            "data_date": labels.text(
                "html.data_date",
                report.language,
                date=labels.day(config.data_as_of, report.language),
            ),
            "show_code": labels.text("html.show_code", report.language),
            "sources_label": labels.text("sources", report.language),
            "sources": listed,
            "methodology": labels.text("html.methodology", report.language),
            "downloads_label": labels.text("html.downloads", report.language),
            "downloads": downloads,
            "plotlyjs": plotlyjs,
            "jsonld": _claimreview_jsonld(report, config),
        },
        "metadata": {"name": labels.text(config.titles[report.notebook], report.language)},
    }
    exporter = HTMLExporter(
        template_name="factdesk",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input_prompt=True,
        language_code=report.language,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _claimreview_jsonld(report: Report, config: Config) -> str:
    """ClaimReview JSON-LD for the fact-check page (empty for other pages)."""
    if report.notebook != config.claimreview:
        return ""
    from factdesk import publish, tables

    doc = publish.claimreview(
        report.language,
        config.data_as_of,
        tables.load_claims(),
        tables.load_verdicts(),
        tables.load_sources(),
    )
    return _json_for_script(doc)


def plotly_js() -> str:
    """The plotly.js bundle shipped with the installed plotly (no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def export(report: Report, config: Config, plotlyjs: str) -> list[tuple[Path, dict]]:
    """HTML and CSV exports of one executed report; returns the figures for image export."""
    import nbformat

    nb = nbformat.read(report.ipynb, as_version=4)
    source_hash = _file_hash(report.ipynb)
    outputs = [report.html]
    write_atomic(report.html, html_page(nb, report, config, source_hash, plotlyjs))
    for name, csv_text in table_outputs(nb):
        target = report.data_dir / f"{name}.csv"
        write_atomic(target, csv_text)
        outputs.append(target)
    figures = []
    for name, spec in chart_outputs(nb):
        for suffix in ("png", "svg"):
            target = report.img_dir / f"{report.name}--{name}.{suffix}"
            figures.append((target, spec))
            outputs.append(target)
    stamp = {
        "notebook_sha256": source_hash,
        "config_sha256": _file_hash(paths.REPORTS_CONFIG),
        "outputs": [_rel(p, report.out) for p in outputs],
    }
    write_atomic(report.stamp, json.dumps(stamp, indent=1, sort_keys=True) + "\n")
    return figures


def write_images(figures: list[tuple[Path, dict]]) -> None:
    """PNG and SVG of every figure with one browser session for all (kaleido + Chromium)."""
    if not figures:
        return
    import plotly.io as pio

    os.environ.setdefault("BROWSER_PATH", _chromium())
    tmp_paths = [p.with_name(f".{p.name}.tmp-{os.getpid()}.{p.suffix[1:]}") for p, _ in figures]
    for path, _ in figures:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        pio.write_images([spec for _, spec in figures], tmp_paths, validate=False)
        for tmp, (target, _) in zip(tmp_paths, figures, strict=True):
            os.replace(tmp, target)
    finally:
        for tmp in tmp_paths:
            if tmp.exists():
                tmp.unlink()


def _chromium() -> str:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if Path(candidate).exists():
            return candidate
    raise RenderError(
        "static images need Chromium: install Debian's package "
        "(apt-get install chromium) or set BROWSER_PATH"
    )


# --- orchestration -------------------------------------------------------------------------


@dataclass
class Outcome:
    report: Report
    status: str  # rendered | exported | up to date | failed
    error: str = ""
    figures: tuple = ()


def _quiet_kernels() -> None:
    """Workers send their stderr (inherited by kernels) to /dev/null: ipykernel logs transport
    warnings and shutdown noise there, while cell errors reach us as messages anyway."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _work(report: Report, input_hash: str, run: bool, config: Config, plotlyjs: str) -> Outcome:
    """Worker: execute (if stale) and export one report. Never raises."""
    try:
        if run:
            execute(report, input_hash)
        figures = export(report, config, plotlyjs)
        return Outcome(report, "rendered" if run else "exported", figures=tuple(figures))
    except RenderError as exc:
        return Outcome(report, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - one failing report must not stop the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(
            report,
            "failed",
            f"{report.key}: {type(exc).__name__}: {exc} "
            f"(at {Path(where.filename).name}:{where.lineno})",
        )


def select(config: Config, names: Iterable[str]) -> list[Report]:
    """Reports whose notebook stem, name or ``language/name`` key is in ``names`` (all if
    ``names`` is empty); an unknown name is an error that lists the valid ones."""
    wanted = list(names)
    if not wanted:
        return list(config.reports)
    chosen = [
        r for r in config.reports if r.notebook in wanted or r.name in wanted or r.key in wanted
    ]
    known = {r.notebook for r in config.reports} | {r.key for r in config.reports}
    unknown = [
        n for n in wanted if not any(n in (r.notebook, r.name, r.key) for r in config.reports)
    ]
    if unknown:
        raise SystemExit(
            f"unknown report(s): {', '.join(unknown)}; valid: {', '.join(sorted(known))}"
        )
    return chosen


class _Progress:
    """tqdm on a terminal; one plain line per report when CI is set or output is a pipe."""

    def __init__(self, total: int) -> None:
        self.plain = bool(os.environ.get("CI")) or not sys.stderr.isatty()
        self.bar = None
        if not self.plain and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr)

    def done(self, outcome: Outcome) -> None:
        line = f"{outcome.status:>10}  {outcome.report.key}"
        if self.bar is not None:
            self.bar.set_postfix_str(outcome.report.key)
            self.bar.update()
            if outcome.status == "failed":
                self.bar.write(line)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def render(
    names: Iterable[str] = (),
    force: bool = False,
    jobs: int = 2,
    config: Config | None = None,
    fact_base=None,
) -> list[Outcome]:
    """Bring the selected reports up to date; return what happened to each.

    The fact base is validated before any kernel starts: with a problem, no report is touched.
    """
    config = config or load_config()
    reports = select(config, names)
    _DATA_HASHES.clear()  # data may have changed since the last call in this process
    shared = shared_inputs_hash()
    plan: list[tuple[Report, str, bool]] = []
    outcomes: list[Outcome] = []
    for report in reports:
        digest = report_hash(report, shared)
        run = force or stored_hash(report) != digest
        if run or not exports_up_to_date(report):
            plan.append((report, digest, run))
        else:
            outcomes.append(Outcome(report, "up to date"))
    if any(run for _, _, run in plan):
        from factdesk.validate import check

        problems = check(fact_base)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            raise RenderError(
                f"{len(problems)} problem(s) in the fact base; no report was "
                "touched (python -m factdesk check)"
            )
    if plan:
        progress = _Progress(len(plan))
        plotlyjs = plotly_js()
        figures: list[tuple[Path, dict]] = []
        with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_quiet_kernels) as pool:
            futures = [pool.submit(_work, r, d, run, config, plotlyjs) for r, d, run in plan]
            for future in as_completed(futures):
                outcome = future.result()
                progress.done(outcome)
                outcomes.append(outcome)
                figures.extend(outcome.figures)
        progress.close()
        try:
            write_images(sorted(figures, key=lambda f: str(f[0])))
        except Exception as exc:  # noqa: BLE001 - reported like a failed report
            outcomes.append(
                Outcome(
                    Report("images", "-", "-", "-", config.out),
                    "failed",
                    f"static images: {type(exc).__name__}: {exc}",
                )
            )
    publish_if_stale(config, shared)
    order = {r.key: i for i, r in enumerate(reports)}
    return sorted(outcomes, key=lambda o: order.get(o.report.key, len(order)))


def publish_if_stale(config: Config, shared: str) -> bool:
    """Rebuild index and data downloads unless their inputs and files are unchanged."""
    digest = hashlib.sha256(shared.encode())
    digest.update(data_hash(("**/*",)).encode())
    digest.update(paths.REPORTS_CONFIG.read_bytes())
    digest.update(str(config.out).encode())
    stamp_path = config.out / ".cache" / "publish.json"
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if stamp["hash"] == digest.hexdigest() and all(
            (config.out / p).is_file() for p in stamp["outputs"]
        ):
            return False
    except (OSError, ValueError, KeyError):
        pass
    from factdesk.publish import publish

    written = publish(config)
    write_atomic(
        stamp_path,
        json.dumps(
            {"hash": digest.hexdigest(), "outputs": sorted(_rel(p, config.out) for p in written)},
            indent=1,
        )
        + "\n",
    )
    return True


def main(
    names: Iterable[str] = (), force: bool = False, jobs: int = 2, out: Path | None = None
) -> int:
    """CLI entry: render, print failures and a one-line summary; non-zero on any failure."""
    start = time.perf_counter()
    config = load_config(out=Path(out).resolve()) if out else None
    try:
        outcomes = render(names, force=force, jobs=jobs, config=config)
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts = {
        s: sum(o.status == s for o in outcomes)
        for s in ("rendered", "exported", "up to date", "failed")
    }
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"FAILED {outcome.error}", file=sys.stderr)
    seconds = time.perf_counter() - start
    note = " (nothing to do)" if counts["rendered"] + counts["exported"] == 0 else ""
    print(
        f"reports: {counts['rendered']} rendered, {counts['exported']} exported, "
        f"{counts['up to date']} up to date, {counts['failed']} failed, "
        f"{seconds:.1f} s{note}"
    )
    return 1 if counts["failed"] else 0
