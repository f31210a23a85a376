"""Writing generated files atomically: a reader sees the old file or the new one, never half.

Every file pctstats generates (the report, the figure build's outputs) is written through
:func:`atomic_write_bytes`; ``data/`` is never written.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["atomic_write_bytes", "json_bytes"]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted write leaves either the old file or the new one, never half a file.

    Parameters
    ----------
    path : path
        The file to write; its folder must exist.
    data : bytes
        The new content.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(folder / "a.txt", b"hello").read_bytes()
    b'hello'
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give a normal file's mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def json_bytes(payload: Any) -> bytes:
    """The bytes of a generated JSON file: keys sorted, indented, UTF-8, ending with a newline.

    Examples
    --------
    >>> print(json_bytes({"b": 1, "a": "é"}).decode(), end="")
    {
      "a": "é",
      "b": 1
    }
    """
    return (json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
