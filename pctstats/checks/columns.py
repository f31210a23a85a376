"""The column and status names of every check's output (kept for imports; defined in core.names).

Every name is defined once, in :mod:`pctstats.core.names`; this module only makes the checks'
part of them reachable as ``pctstats.checks.columns``.

Examples
--------
>>> STATUSES["fail"]
'the record is inconsistent: no reading of the printed numbers makes it hold'
>>> CORE_COLUMNS
('check', 'record_id', 'status', 'message', 'rounding')
"""

from __future__ import annotations

from pctstats.core.names import *  # noqa: F403  (the names this module exists to re-export)
from pctstats.core.names import __all__  # noqa: F401
