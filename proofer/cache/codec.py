"""Findings as JSON-ready data and back, exactly (cache values).

Fields are read from the dataclass itself, with their type hints, so a field added to
TextFinding is stored and restored without a change here (str, int, float, bool, enums,
tuples, nested frozen dataclasses).
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def to_data(value: Any) -> Any:
    """A dataclass (or tuple, enum, scalar) as lists, dicts and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [to_data(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


def _from(data: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if data is None or not options:
            return None
        return _from(data, options[0])
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from(item, args[0]) for item in data)
        return tuple(_from(item, arg) for item, arg in zip(data, args, strict=True))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_data(hint, data)
    return data


def from_data(cls: type[T], data: Any) -> T:
    """The dataclass `cls` from `to_data`'s output (raises on a shape that does not fit)."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if len(data) != len(fields):
        raise ValueError(f"{cls.__name__}: {len(data)} values for {len(fields)} fields")
    hints = _hints(typing.cast(Any, cls))
    values = {f.name: _from(item, hints[f.name]) for f, item in zip(fields, data, strict=True)}
    return cls(**values)

