"""Writing reports so that a crash never leaves half a file: temporary file, then rename.

A report may only replace a regular file that is not one of the run's inputs: renaming over a
device node, a FIFO or a symbolic link would replace it (as root, `--output /dev/null` would
replace /dev/null), and over an article or the fact book would destroy what was checked.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Optional


def _new_file_mode() -> int:
    """The mode `open()` would give a new file: 0666 less the umask (mkstemp gives 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class InputFiles(list):
    """The names of the files a run read, whose identities (device, inode) are taken at the
    first question and kept: a check asks before the run, after it and for each format whether
    a report would land on one, and 10,000 stats each time were a twentieth of a re-check."""

    identities: Optional[dict[tuple[int, int], str]] = None


def _identities(inputs: Iterable[str]) -> dict[tuple[int, int], str]:
    known = getattr(inputs, "identities", None)
    if known is not None:
        return known
    found: dict[tuple[int, int], str] = {}
    for name in inputs:
        try:
            other = os.stat(name)
        except (OSError, ValueError):
            continue
        found.setdefault((other.st_dev, other.st_ino), name)
    if isinstance(inputs, InputFiles):
        inputs.identities = found
    return found


def unsafe_target(path: str | os.PathLike[str], inputs: Iterable[str] = ()) -> Optional[str]:
    """Why a report must not be written at `path` (None when it may): a symbolic link, anything
    but a regular file, or one of `inputs` (the articles read, the fact book)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None  # nothing there yet (or nothing we can see: writing will say)
    if stat.S_ISLNK(st.st_mode):
        return (f"{path} is a symbolic link to {os.path.realpath(path)}; not replaced "
                f"(name the file itself to write there)")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device")
        return f"{path} is {kind}, not a regular file; not written"
    name = _identities(inputs).get((st.st_dev, st.st_ino))
    if name is not None:
        return f"{path} is one of the inputs ({name}); not overwritten"
    return None


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and an atomic rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # a file the desk keeps (claims.yaml) keeps its permissions
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:  # a new one gets what any other new file would
            os.chmod(tmp, _new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
