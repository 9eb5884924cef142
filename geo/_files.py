"""Writing output files so that they appear complete or not at all, and never by accident.

Every file geo writes (``parse -o``, ``export``, ``map``, ``events export``, the parts of a
Dask run) goes through :func:`replacing`: the data goes to a temporary file beside the target,
is flushed and fsynced, then renamed over it, and the directory is synced. Any error while
writing (disk full, a file-size limit, a directory in the way) is one :class:`OutputError`
and the temporary file is removed, so no partial output is ever left behind.

A target that is not a regular file (``/dev/null``, a named pipe, ``/dev/stdout``) cannot be
renamed onto: the data is written to a temporary file first and then copied into it, with the
same error checks. Such targets are streams, not files being overwritten, so they never need
``overwrite``.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from geo.errors import OutputError

__all__ = ["check_output", "check_output_dir", "replacing", "writing_text"]

_FORCE_HINT = "use --force to overwrite"


def check_output(path: str | os.PathLike[str], *, overwrite: bool,
                 make_parents: bool = False) -> Path:
    """Raise :class:`OutputError` unless ``path`` can be written: not a directory, not an
    existing regular file unless ``overwrite``, in a directory that exists (with
    ``make_parents``, one that can be made: no file in the way).

    Called before any work, so a run never parses for minutes and then refuses to write.
    A missing directory is refused rather than made: a mistyped path must not leave
    folders behind (``-o /nonexistent/dir/x.csv`` once made ``/nonexistent`` at the root).
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {path}: it is a directory")
        if stat.S_ISREG(st.st_mode) and not overwrite:
            raise OutputError(f"{path} exists; {_FORCE_HINT}")
        return path
    for parent in path.parents:  # the nearest existing ancestor must be a directory
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write {path}: {parent} is not a directory")
            break
        if not make_parents:
            raise OutputError(f"cannot write {path}: no directory {parent} (make it first)")
    return path


def check_output_dir(path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Raise :class:`OutputError` unless ``path`` can be an output directory: missing (in a
    directory that exists), empty, or (with ``overwrite``) a directory."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"output {path} exists and is not a directory")
    if not path.exists() and not path.absolute().parent.is_dir():  # made, but not its parents
        raise OutputError(f"cannot make output directory {path}: no directory "
                          f"{path.absolute().parent} (make it first)")
    if path.is_dir() and not overwrite:
        try:
            non_empty = next(path.iterdir(), None) is not None
        except OSError as exc:
            raise OutputError(f"cannot read output directory {path}: "
                              f"{exc.strerror or exc}") from None
        if non_empty:
            raise OutputError(f"output directory {path} is not empty; {_FORCE_HINT}")
    return path


@contextmanager
def replacing(path: str | os.PathLike[str], *, overwrite: bool = True,
              make_parents: bool = False) -> Iterator[Path]:
    """A temporary path whose content replaces ``path`` when the block succeeds.

    The block writes (and closes) the temporary file; it is then fsynced and renamed onto
    ``path``. A missing parent directory is an :class:`OutputError` unless
    ``make_parents`` (only where a documented default folder is written into). Without
    ``overwrite`` an existing regular file is refused. Any :class:`OSError` is re-raised as
    a one-line :class:`OutputError`; whatever is raised, the temporary file is removed.
    """
    path = check_output(path, overwrite=overwrite, make_parents=make_parents)
    # check_output let through only a regular file or a stream (a device, a pipe)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        with _streaming_into(path) as tmp:
            yield tmp
        return
    parent = path.parent
    try:
        if make_parents:
            parent.mkdir(parents=True, exist_ok=True)
        # the target's suffix kept last: writers that pick a format by suffix see the right one
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}",
                                    dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    with _temporary(tmp, path):
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not for outputs
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_dir(parent)


@contextmanager
def _temporary(tmp: Path, target: Path) -> Iterator[None]:
    """Around the use of ``tmp`` for ``target``: an OSError becomes one OutputError line
    naming ``target``, and ``tmp`` is removed whatever happens."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _streaming_into(target: Path) -> Iterator[Path]:
    """A temporary file that is copied into ``target`` (a device or pipe) when complete."""
    fd, name = tempfile.mkstemp(prefix="geo-", suffix=f".tmp{target.suffix}")
    os.close(fd)
    tmp = Path(name)
    with _temporary(tmp, target):
        yield tmp
        with open(tmp, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()


@contextmanager
def writing_text(path: str | os.PathLike[str] | None, *, overwrite: bool = True,
                 newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text handle on ``path`` through :func:`replacing`; ``None`` or ``-`` is
    standard output, flushed at the end with the same one-line error when that fails."""
    if path is None or os.fspath(path) == "-":
        try:
            yield sys.stdout
            sys.stdout.flush()
        except (BrokenPipeError, OutputError):
            raise
        except OSError as exc:  # a full disk behind a redirection
            _drop_stdout()
            raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None
        return
    with replacing(path, overwrite=overwrite) as tmp, \
            open(tmp, "w", encoding="utf-8", newline=newline) as out:
        yield out


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail once more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; file systems that cannot sync a directory are let be."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
