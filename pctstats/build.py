"""``python -m pctstats.build``: the figure build, the same as ``pctstats figures``.

Kept as a command because the generated ``figures/README.md`` and ``numbers.tex`` name it; the
build itself is :mod:`pctstats.publish` and its command line is :mod:`pctstats.cli`.
"""

from __future__ import annotations

import sys

from pctstats.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main(["figures", *sys.argv[1:]]))
