"""One executed report -> its one-file HTML page and its data downloads.

The page embeds everything it needs and works offline: plotly.js (the vendored partial
bundle with only the trace types the reports use; the full bundle, with a warning, for a
figure that needs another type), DataTables for interactive tables (only on pages that have
one), the plotly locale built from CLDR, and the CSS the page uses. Every table's CSV download
is its data (ISO UTC times, codes, dot decimals) with a ``datapackage.json`` describing it.

What a page shows besides the notebook (sources, corrections, language links, ClaimReview)
comes in a :class:`Page`, built once per build by :mod:`factdesk.build.render`; its JSON is part of
the page's export hash, so a page is re-exported exactly when something it shows changes.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import html
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factdesk import paths
from factdesk.build.config import Report
from factdesk.build.writing import write_if_changed

PLOTLY_MIME = "application/vnd.plotly.v1+json"
BASIC_TRACES = {"scatter", "bar", "pie"}  # what plotly.js-basic-dist-min holds
TEMPLATE_DIR = paths.TEMPLATES


@dataclass(frozen=True)
class Page:
    """What a report's page shows besides its notebook, in its language."""

    title_suffix: str
    languages: list[dict]  # {language, href, label} of the other versions that exist
    index_href: str
    texts: dict[str, str]  # header/footer labels
    sources: list[str]
    corrections: str
    corrections_href: str
    downloads: list[dict]
    locale: dict
    jsonld: str = ""

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.__dict__, sort_keys=True).encode()).hexdigest()


def json_for_script(data: object) -> str:
    """JSON safe inside a ``<script>`` element and still valid JSON: ``<``, ``>`` and ``&`` are
    written as ``\\u003c``, ``\\u003e``, ``\\u0026``, so no text in the data can close the
    element or open a comment, and every JSON parser reads the same values."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def title_of(nb: dict) -> str:
    """The report's title: the first ``# `` heading of its prose (``nb`` as JSON or node)."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb["metadata"].get("factdesk", {}).get("notebook", "")


def chart_outputs(nb) -> list[tuple[str, dict]]:
    """(chart name, plotly figure spec) of every chart in an executed notebook."""
    charts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if PLOTLY_MIME in output.get("data", {}):
                name = output.get("metadata", {}).get("factdesk", {}).get("chart")
                charts.append((name or f"chart-{len(charts) + 1}", output["data"][PLOTLY_MIME]))
    return charts


def table_outputs(nb) -> list[tuple[dict, str]]:
    """(table metadata, CSV text) of every table in an executed notebook."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("factdesk", {})
            if "table" in meta and "text/csv" in output.get("data", {}):
                found.append((meta, output["data"]["text/csv"]))
    return found


@cache
def packed(name: str) -> str:
    """A library gzip-compressed and base64-encoded for the page to unpack (deterministic:
    no timestamp in the gzip header)."""
    if name == "plotly-full":
        from plotly.offline import get_plotlyjs

        data = get_plotlyjs().encode("utf-8")
    else:
        data = (paths.VENDOR / name).read_bytes()
    return base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")


def plotly_bundle(figures: list[dict]) -> tuple[str, str]:
    """The partial bundle when it can draw every figure, else the full one and a warning."""
    types = {trace.get("type", "scatter") for spec in figures for trace in spec.get("data", [])}
    if types <= BASIC_TRACES:
        return "plotly-basic.min.js", ""
    extra = ", ".join(sorted(types - BASIC_TRACES))
    return "plotly-full", f"trace types {extra} need the full plotly.js bundle (larger page)"


def _figure(name: str, spec: dict, meta: dict) -> str:
    """A chart as the page shows it: its title, source and N as HTML around the plot (so they
    wrap on a phone), the plot itself named for screen readers, and its text alternative."""
    from factdesk.story.charts import FOOTER

    spec = copy.deepcopy(spec)
    layout = spec.setdefault("layout", {})
    title = (layout.pop("title", None) or {}).get("text", "")
    notes = [a for a in layout.get("annotations", []) if a.get("name") == FOOTER]
    layout["annotations"] = [a for a in layout.get("annotations", []) if a.get("name") != FOOTER]
    layout["margin"] = {**layout.get("margin", {}), "t": 10, "b": 10}
    footer = notes[0]["text"] if notes else ""
    div = f"fd-{name}"
    description = html.escape(meta.get("description", ""))
    summary = html.escape(meta.get("description_label", ""))
    # title and footer were escaped for plotly (which renders a subset of HTML): as HTML
    # text they are already safe.
    return (
        f'<figure class="fd-figure" id="chart-{html.escape(name)}" '
        f'aria-describedby="{div}-text"><figcaption>{title}</figcaption>'
        f'<div id="{div}" class="fd-chart"></div>'
        f'<script type="application/json" id="{div}-spec">{json_for_script(spec)}</script>'
        f'<p class="fd-chart-source">{footer}</p>'
        f'<details class="fd-chart-text"><summary>{summary}</summary>'
        f'<p id="{div}-text">{description}</p></details></figure>'
    )


def _gather_data(nb, heading: str, pointer: str) -> None:
    """Long tables (``data``) leave the reading flow: they go, folded, into a Data section at
    the end of the page, each with its download; where each stood, a link to it says so
    (``pointer``: the text, with ``{table}`` and ``{section}``)."""
    import nbformat

    moved = []
    for cell in nb.cells:
        keep = []
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("factdesk", {})
            if meta.get("data"):
                moved.append(output)
                target = html.escape(f"#data-{meta['table']}")
                table = f'<a href="{target}">{html.escape(meta["summary"])}</a>'
                text = pointer.format(table=table, section=html.escape(heading))
                keep.append(
                    nbformat.v4.new_output(
                        "display_data", data={"text/html": f'<p class="fd-data-link">{text}</p>'}
                    )
                )
            else:
                keep.append(output)
        if cell["cell_type"] == "code":
            cell["outputs"] = keep
    if moved:
        title = nbformat.v4.new_output(
            "display_data",
            data={"text/html": f'<h2 id="data">{html.escape(heading)}</h2>'},
        )
        cell = nbformat.v4.new_code_cell(source="", outputs=[title, *moved])
        cell.pop("id", None)
        nb.cells.append(cell)


def html_page(nb, report: Report, page: Page, source_hash: str) -> tuple[str, list[str]]:
    """The one-file HTML of an executed notebook, and warnings."""
    from nbconvert import HTMLExporter

    from factdesk.story.charts import NARROW

    nb = copy.deepcopy(nb)
    here = report.html.parent
    figures, has_cards = [], False
    for cell in nb.cells:
        # Warnings are for the author (`check` and `render` print them), never for readers.
        cell["outputs"] = [
            o for o in cell.get("outputs", []) if o.get("name") != "stderr"
        ] if cell["cell_type"] == "code" else cell.get("outputs", [])  # fmt: skip
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("factdesk", {})
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figures.append(data[PLOTLY_MIME])
                labelled = {**meta, "description_label": page.texts["chart_text"]}
                output["data"] = {
                    "text/html": _figure(meta.get("chart", "chart"), data[PLOTLY_MIME], labelled)
                }
            elif "table" in meta and "text/html" in data:
                has_cards = has_cards or bool(meta.get("cards"))
                href = rel(report.data_dir / f"{meta['table']}.csv", here)
                link = html.escape(page.texts["table_download"])
                output["data"] = {
                    "text/html": data["text/html"]
                    + f'<p class="fd-download"><a href="{html.escape(href)}">{link}</a></p>'
                }
    _gather_data(nb, page.texts["data_section"], page.texts["data_moved"])
    bundle, warning = plotly_bundle(figures)
    title = title_of(nb)
    resources = {
        "factdesk": {
            "source_hash": source_hash,
            "title": title,
            "languages": page.languages,
            "index_href": page.index_href,
            "has_charts": bool(figures),
            "has_cards": has_cards,
            "narrow": NARROW,
            "plotlyjs": packed(bundle) if figures else "",
            "plotly_name": bundle,
            "locale": json_for_script(page.locale),
            "css": (TEMPLATE_DIR / "factdesk" / "page.css").read_text(encoding="utf-8"),
            "sources": page.sources,
            "corrections": page.corrections,
            "corrections_href": page.corrections_href,
            "downloads": page.downloads,
            "jsonld": page.jsonld,
            **page.texts,
        },
        "metadata": {"name": f"{title}{page.title_suffix}"},
    }
    exporter = HTMLExporter(
        template_name="factdesk",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=report.language,
    )
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body, [warning] if warning else []


def table_package(report: Report, tables: list[tuple[dict, str]]) -> dict:
    """A Frictionless data package describing a report's CSV downloads."""
    return {
        "profile": "tabular-data-package",
        "name": report.key.replace("/", "-").lower(),
        "resources": [
            {
                "name": meta["table"],
                "path": f"{meta['table']}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": f["name"],
                            "type": f["type"],
                            "title": f["title"],
                            **({"format": "any"} if f["type"] in ("date", "datetime") else {}),
                        }
                        for f in meta.get("fields", [])
                    ],
                    "missingValues": [""],
                },
            }
            for meta, _ in tables
        ],
    }


def export(report: Report, page: Page) -> tuple[list[Path], list[tuple[Path, dict]], list[str]]:
    """Write a report's HTML, CSVs and their data package; return the files written, the
    figures to draw as images, and warnings."""
    import nbformat

    source = report.ipynb.read_bytes()
    nb = nbformat.reads(source.decode("utf-8"), as_version=4)
    body, warnings = html_page(nb, report, page, hashlib.sha256(source).hexdigest())
    outputs = [report.html]
    write_if_changed(report.html, body, "the HTML report")
    tables = table_outputs(nb)
    for meta, csv_text in tables:
        target = report.data_dir / f"{meta['table']}.csv"
        write_if_changed(target, csv_text, "a table download")
        outputs.append(target)
    if tables:
        target = report.data_dir / "datapackage.json"
        text = json.dumps(table_package(report, tables), indent=1, ensure_ascii=False) + "\n"
        write_if_changed(target, text, "the report's data package")
        outputs.append(target)
    figures = []
    for name, spec in chart_outputs(nb):
        for suffix in ("png", "svg"):
            target = report.img_dir / f"{report.name}--{name}.{suffix}"
            figures.append((target, spec))
            outputs.append(target)
    return outputs, figures, warnings
