"""A name from a fixed set of choices: the one check every such argument goes through.

A rounding mode, an output format, a citation style, an interval method: each is a name from a
mapping of choices, and a wrong one gives the same message everywhere, naming the argument and
listing every valid name.
"""

from __future__ import annotations

from collections.abc import Collection

__all__ = ["check_choice"]


def check_choice(value: object, choices: Collection[str], argument: str) -> str:
    """Return ``value`` if it is one of ``choices``, else raise ValueError listing the valid names.

    Parameters
    ----------
    value
        The name given.
    choices
        The valid names (a mapping's keys, in their order).
    argument
        The argument's name, used in the error message.

    Returns
    -------
    str
        ``value``, unchanged.

    Raises
    ------
    ValueError
        If ``value`` is not a string or not one of the names (exact spelling).

    Examples
    --------
    >>> check_choice("csv", ("table", "csv"), "format")
    'csv'
    >>> check_choice("CSV", ("table", "csv"), "format")
    Traceback (most recent call last):
    ...
    ValueError: format must be one of 'table', 'csv'; got 'CSV'
    """
    if not isinstance(value, str) or value not in choices:
        names = ", ".join(repr(name) for name in choices)
        raise ValueError(f"{argument} must be one of {names}; got {value!r}")
    return value
