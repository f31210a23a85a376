"""Field-level validation driven by ``datapackage.json``: types, required, enum, pattern, ranges.

The data package is the single statement of each field's constraints; this module applies them
row by row to the CSV text, so ``load()`` needs no extra dependency. (The ``frictionless`` library
validates the same package in the test suite; it is too heavy to be a runtime dependency.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pctstats.core.vocab import VOCABULARIES

__all__ = ["FieldSpec", "iter_fields", "parse_field"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a table, as ``datapackage.json`` declares it.

    Examples
    --------
    >>> spec = FieldSpec.from_descriptor(
    ...     {"name": "n", "type": "integer", "constraints": {"required": True, "minimum": 1}}
    ... )
    >>> spec.name, spec.type, spec.required, dict(spec.constraints)
    ('n', 'integer', True, {'minimum': 1})
    """

    name: str
    type: str
    required: bool
    constraints: Mapping[str, Any]
    vocabulary: str | None
    list_delimiter: str | None
    true_values: tuple[str, ...]
    false_values: tuple[str, ...]
    pattern_words: str | None = None
    example: str | None = None

    @classmethod
    def from_descriptor(cls, descriptor: Mapping[str, Any]) -> FieldSpec:
        """Build the spec from a Frictionless field descriptor.

        Parameters
        ----------
        descriptor
            One entry of a resource's ``schema.fields`` in ``datapackage.json``.

        Returns
        -------
        FieldSpec
            The field's type, requiredness, constraints, vocabulary and list delimiter.

        Examples
        --------
        >>> spec = FieldSpec.from_descriptor({"name": "population_tags",
        ...                                   "pctstats:vocabulary": "population_tag",
        ...                                   "pctstats:list": ";"})
        >>> spec.type, spec.required, spec.vocabulary, spec.list_delimiter
        ('string', False, 'population_tag', ';')
        """
        constraints = dict(descriptor.get("constraints", {}))
        return cls(
            name=descriptor["name"],
            type=descriptor.get("type", "string"),
            required=bool(constraints.pop("required", False)),
            constraints=constraints,
            vocabulary=descriptor.get("pctstats:vocabulary") or None,
            list_delimiter=descriptor.get("pctstats:list")
            or (";" if "pctstats:references" in descriptor else None),
            true_values=tuple(descriptor.get("trueValues", ["true"])),
            false_values=tuple(descriptor.get("falseValues", ["false"])),
            pattern_words=descriptor.get("pctstats:pattern_words"),
            example=descriptor.get("pctstats:example"),
        )


def parse_field(spec: FieldSpec, text: str) -> tuple[Any, str | None, str | None]:
    """Parse and check one cell.

    Parameters
    ----------
    spec
        The field the cell belongs to.
    text
        The cell as read from the CSV file (``""`` when empty).

    Returns
    -------
    tuple
        ``(value, rule, message)``: the typed value and ``(None, None)`` when the cell is valid,
        else ``(None, rule, message)`` naming the rule broken and what was expected.

    Examples
    --------
    >>> spec = FieldSpec.from_descriptor(
    ...     {"name": "n", "type": "integer", "constraints": {"minimum": 1}}
    ... )
    >>> parse_field(spec, "1208")
    (1208, None, None)
    >>> parse_field(spec, "0")
    (None, 'minimum', '0 is below the minimum 1')
    >>> parse_field(spec, "12.5")
    (None, 'type', "'12.5' is not a whole number")
    >>> parse_field(spec, "")
    (None, None, None)
    """
    if text == "":
        if spec.required:
            return None, "required", "is empty but required"
        return (() if spec.list_delimiter else None), None, None
    checked = _check_text(spec, text)
    if checked is not None:
        return None, *checked
    try:
        value = _convert(spec, text)
    except ValueError as exc:
        return None, "type", str(exc)
    bounds = _check_bounds(spec, value)
    if bounds is not None:
        return None, *bounds
    return value, None, None


def _check_text(spec: FieldSpec, text: str) -> tuple[str, str] | None:
    cons = spec.constraints
    if text != text.strip():
        return "whitespace", f"{text!r} has leading or trailing white space"
    if "minLength" in cons and len(text) < cons["minLength"]:
        return "min_length", f"{text!r} is shorter than {cons['minLength']} characters"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        # The data package states each pattern in words with an example; a regular expression
        # is never shown to the person who typed the cell.
        words = spec.pattern_words or "the form the data package describes for this column"
        example = f", e.g. {spec.example!r}" if spec.example else ""
        return "pattern", f"{text!r} is not a valid {spec.name}: expected {words}{example}"
    if "enum" in cons and text not in cons["enum"]:
        return "vocabulary", f"{text!r} is not one of {', '.join(map(repr, cons['enum']))}"
    if spec.vocabulary and spec.list_delimiter:
        allowed = VOCABULARIES[spec.vocabulary]
        for item in text.split(spec.list_delimiter):
            if item not in allowed:
                return "vocabulary", (
                    f"{item!r} is not one of the {spec.vocabulary} vocabulary: "
                    f"{', '.join(map(repr, allowed))}"
                )
    return None


def _convert(spec: FieldSpec, text: str) -> Any:
    if spec.list_delimiter:
        return tuple(text.split(spec.list_delimiter))
    if spec.type == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(f"{text!r} is not a whole number")
        return int(text)
    if spec.type == "boolean":
        if text in spec.true_values:
            return True
        if text in spec.false_values:
            return False
        raise ValueError(f"{text!r} is not one of {spec.true_values + spec.false_values}")
    if spec.type == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
    return text


def _check_bounds(spec: FieldSpec, value: Any) -> tuple[str, str] | None:
    cons = spec.constraints
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in cons and value < cons["minimum"]:
            return "minimum", f"{value} is below the minimum {cons['minimum']}"
        if "maximum" in cons and value > cons["maximum"]:
            return "maximum", f"{value} is above the maximum {cons['maximum']}"
    return None


def iter_fields(resource: Mapping[str, Any]) -> Iterator[FieldSpec]:
    """The field specs of one data-package resource, in column order.

    Parameters
    ----------
    resource
        One entry of ``resources`` in ``datapackage.json``.

    Yields
    ------
    FieldSpec
        One spec per column, in column order.

    Examples
    --------
    >>> import json
    >>> from pctstats.core.paths import data_dir
    >>> package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    >>> articles = next(r for r in package["resources"] if r["name"] == "articles")
    >>> [spec.name for spec in iter_fields(articles)]
    ['article_id', 'outlet', 'title', 'text_file', 'url', 'archive_url', 'published', 'notes']
    """
    for descriptor in resource["schema"]["fields"]:
        yield FieldSpec.from_descriptor(descriptor)
