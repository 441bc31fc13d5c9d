"""Files as committed at a git revision: the commit a revision names, and a file's bytes there.

Git runs in the project root (the scratch copy when ``FACTDESK_ROOT`` is set). A failure to
name a commit or to read a file is a :class:`DiffError` whose message is one line for stderr.
"""

from __future__ import annotations

import os
import subprocess

from factdesk import paths


class DiffError(Exception):
    """The comparison cannot be made (not a git repository, unknown revision)."""


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in the project root (the scratch copy when ``FACTDESK_ROOT`` is set)."""
    # A GIT_DIR or GIT_WORK_TREE inherited from a hook would point git at another repository.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    try:
        return subprocess.run(
            ["git", *args], cwd=paths.ROOT, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise DiffError("git is not installed (no 'git' command on PATH)") from None
    except OSError as exc:
        raise DiffError(f"cannot run git in {paths.ROOT}: {exc.strerror}") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


def resolve(rev: str) -> str:
    """The commit ``rev`` names, or a DiffError saying why there is none."""
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        reason = _first_line(inside.stderr)
        why = "" if not reason or "not a git repository" in reason else f" ({reason})"
        raise DiffError(f"not a git repository: {paths.ROOT}{why}")
    found = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        empty = _git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0
        raise DiffError(
            f"unknown git revision {rev!r}"
            + (" (the repository has no commits yet)" if empty else "")
        )
    return found.stdout.decode("ascii").strip()


def file_at(commit: str, relative: str) -> bytes | None:
    """The bytes of ``relative`` (from the project root) at ``commit``; None when absent."""
    spec = f"{commit}:./{relative}"  # ./: relative to the project root, wherever the repo is
    shown = _git("show", spec)
    if shown.returncode == 0:
        return shown.stdout
    if _git("cat-file", "-e", spec).returncode != 0:
        return None
    raise DiffError(f"cannot read {relative} at {commit[:12]}: {_first_line(shown.stderr)}")
