"""The subcommands of the ``pctstats`` command line, one module per group.

:mod:`pctstats.cli` is the front-end (the parser, :func:`pctstats.cli.main`, the exit statuses);
each module here declares its subcommands as :class:`~pctstats.commands.base.Command` records:
:mod:`~pctstats.commands.records` (validate, check, claims, sources),
:mod:`~pctstats.commands.calculators` (grim, ci), :mod:`~pctstats.commands.publishing` (cite,
report, figures) and :mod:`~pctstats.commands.audit` (audit). What they share is in
:mod:`~pctstats.commands.base` (the command record, the usage error, the output) and
:mod:`~pctstats.commands.options` (argument types and the options several subcommands take).

A subcommand imports what it needs when it runs, so that ``pctstats grim`` and ``pctstats ci``
answer without importing pandas or statsmodels.
"""

__all__: list[str] = []
