"""``python -m factdesk.publish.serve [--port N]`` (``make datasette``): bring the published
data up to date (``render --publish-only``: a no-op when nothing changed), pick a free port on
127.0.0.1 unless one is given, print the URL and run ``datasette serve`` on the database,
read-only (immutable). Kept apart from :mod:`factdesk.publish.datasette`, which the build
runs: the build's steps never import the build itself.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys

from factdesk import paths
from factdesk.publish.datasette import DATABASE, METADATA, NAME


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the fact base with Datasette.")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args(argv)
    from factdesk.build import render

    # builds the database if missing or stale
    code = render.main(render.Options(publish_only=True))
    if code:
        return code  # render printed what is wrong; a stale database is not served
    db, meta = paths.REPORTS / "data" / DATABASE, paths.REPORTS / "data" / METADATA
    if not db.is_file():
        print(f"error: publishing did not write {paths.display(db)}", file=sys.stderr)
        return 1
    port = args.port or free_port()
    print(f"Datasette serves {paths.display(db)}; open:\n    http://127.0.0.1:{port}/{NAME}")
    sys.stdout.flush()
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(db)]
    command += ["--metadata", str(meta), "--host", "127.0.0.1", "--port", str(port)]
    os.execv(sys.executable, command)


if __name__ == "__main__":
    sys.exit(main())
