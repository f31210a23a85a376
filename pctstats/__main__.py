"""``python -m pctstats``: the same command line as ``pctstats`` (see :mod:`pctstats.cli`)."""

from pctstats.cli import main

__all__: list[str] = []

raise SystemExit(main())
