"""Core: printed values, rounding, vocabularies, argument validation, errors and paths.

The lowest layer: imports nothing else of pctstats.
"""

__all__: list[str] = []
