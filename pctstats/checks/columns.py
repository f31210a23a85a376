"""The column and status names of every check's output (kept for imports; defined in core.names).

Every name is defined once, in :mod:`pctstats.core.names`; this module only makes the checks'
part of them reachable as ``pctstats.checks.columns``.

Examples
--------
>>> CHECK, STATUS, FAIL
('check', 'status', 'fail')
"""

from __future__ import annotations

from pctstats.core.names import *  # noqa: F403  (the names this module exists to re-export)
from pctstats.core.names import __all__  # noqa: F401
