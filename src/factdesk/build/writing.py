"""Writing outputs safely: atomic replacement, temporary files that a killed run leaves behind
removed by the next one, one render at a time, and I/O errors that name the path and what
was being written."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factdesk import paths

TMP_MARK = ".fdtmp-"


class BuildError(RuntimeError):
    """The build cannot go on; the message says what and where (no traceback for users)."""


def io_error(path: Path, what: str, exc: OSError) -> BuildError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason += " (is the folder read-only?)"
    return BuildError(f"cannot write {paths.display(path)} ({what}): {reason}")


def temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}{target.suffix}")


@contextmanager
def atomic_path(target: Path, what: str) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it only if the block succeeds."""
    tmp = temp_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise io_error(target, what, exc) from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def write_atomic(target: Path, data: str | bytes, what: str) -> None:
    """Write a whole file so that readers see the old or the new content, never a part."""
    with atomic_path(target, what) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")


def write_if_changed(target: Path, data: str | bytes, what: str) -> bool:
    """Write only when the content differs (keeps timestamps and avoids needless I/O)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if target.read_bytes() == raw:
            return False
    except OSError:
        pass
    write_atomic(target, raw, what)
    return True


def _scratch_prefix(folder: Path) -> str:
    """The prefix of the scratch folders of renders into ``folder`` (one project's renders
    never touch another's: the render lock is per output folder)."""
    return "fd-tmp-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8] + "-"


def _scratch_root() -> Path:
    """Chromium's socket lives in the temporary folder; a long TMPDIR overflows the ~108-byte
    socket path limit, so a short one is used when it exists."""
    default = Path(tempfile.gettempdir())
    return Path("/tmp") if len(str(default)) > 40 and Path("/tmp").is_dir() else default


@contextmanager
def scratch_folder(folder: Path):
    """A temporary folder for a step of a render into ``folder`` (the image export runs
    Kaleido and Chromium with it as TMPDIR), removed afterwards, or by the next render when
    this one is killed."""
    with tempfile.TemporaryDirectory(prefix=_scratch_prefix(folder), dir=_scratch_root()) as tmp:
        yield Path(tmp)


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files and scratch folders a killed render into ``folder`` left.
    Called with the render lock held, so no other render can own them."""
    removed = 0
    for scratch in _scratch_root().glob(_scratch_prefix(folder) + "*"):
        shutil.rmtree(scratch, ignore_errors=True)
        removed += 1
    if not folder.is_dir():
        return removed
    for tmp in folder.rglob(f"*{TMP_MARK}*"):
        if tmp.is_file():
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed


@contextmanager
def render_lock(folder: Path) -> Iterator[None]:
    """Hold the render lock of ``folder`` (a second concurrent render is refused)."""
    lock = folder / ".cache" / "render.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a+")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        raise io_error(lock, "the render lock", exc) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "?"
            raise BuildError(
                f"another render (pid {owner}) is writing {paths.display(folder)}; "
                "wait for it to finish and run again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
