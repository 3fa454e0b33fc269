"""URL converters: an `<int:…>` is a row id, so a number no id column can hold matches no route."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

# Ids are INTEGER columns: 32 bits on PostgreSQL. A larger number in a URL would reach the
# database and fail there (SQLite: OverflowError, PostgreSQL: out of range) as a 500.
LARGEST_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """Werkzeug's int converter, bounded to what an id column holds: anything larger is a 404."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)
