"""The corpus tables as Parquet files: their columns, writing and reading.

One file per table in the batch's output folder (`sources.parquet`, ...), one
row per item, with the columns `SCHEMAS` fixes (the README documents them).
Imports pyarrow, so only the batch and corpus commands load this module.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

_TEXT = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "stories": pa.schema(
        [
            ("story", _TEXT), ("name", _TEXT), ("input", _TEXT), ("key", _TEXT),
            ("status", _TEXT), ("error", _TEXT), ("title", _TEXT), ("sources", _INT),
            ("groups", _INT), ("shared_groups", _INT), ("unique_passages", _INT),
            ("quotes", _INT), ("variant_quotes", _INT), ("unique_quotes", _INT),
            ("discrepancies", _INT),
        ]
    ),
    "sources": pa.schema(
        [
            ("story", _TEXT), ("source", _TEXT), ("outlet", _TEXT), ("title", _TEXT),
            ("date", _TEXT), ("url", _TEXT), ("path", _TEXT), ("dateline", _TEXT),
            ("words", _INT), ("paragraphs", _INT), ("removed", _INT),
        ]
    ),
    "groups": pa.schema(
        [
            ("story", _TEXT), ("group", _TEXT), ("position", _INT), ("kind", _TEXT),
            ("rewording", _TEXT), ("reference", _TEXT), ("outlets", _INT),
            ("sources", pa.list_(_TEXT)), ("cohesion", _FLOAT), ("min_link", _FLOAT),
            ("wording", _FLOAT),
            (
                "members",
                pa.list_(
                    pa.struct([("source", _TEXT), ("paragraph", _INT), ("sentence", _INT), ("text", _TEXT)])
                ),
            ),
        ]
    ),
    "quotes": pa.schema(
        [
            ("story", _TEXT), ("quote", _TEXT), ("source", _TEXT), ("outlet", _TEXT),
            ("paragraph", _INT), ("speaker", _TEXT), ("text", _TEXT), ("status", _TEXT),
            ("matched_sources", pa.list_(_TEXT)), ("outlets", _INT),
        ]
    ),
    "reuse": pa.schema(
        [
            ("story", _TEXT), ("source", _TEXT), ("outlet", _TEXT), ("other", _TEXT),
            ("other_outlet", _TEXT), ("words", _INT), ("verbatim_share", _FLOAT),
            ("verbatim_words", _INT),
        ]
    ),
    "outlet_reuse": pa.schema(
        [
            ("outlet", _TEXT), ("other_outlet", _TEXT), ("stories", _INT), ("words", _INT),
            ("verbatim_words", _INT), ("verbatim_share", _FLOAT), ("max_share", _FLOAT),
        ]
    ),
    "discrepancies": pa.schema(
        [
            ("story", _TEXT), ("discrepancy", _TEXT), ("kind", _TEXT), ("fact", _TEXT),
            ("group", _TEXT), ("later_update", pa.bool_()), ("source", _TEXT), ("outlet", _TEXT),
            ("paragraph", _INT), ("text", _TEXT), ("value", _TEXT), ("published", _TEXT),
        ]
    ),
}


def table_path(out_dir: Path, name: str) -> Path:
    """Where the table `name` of the batch in `out_dir` is kept."""
    return out_dir / f"{name}.parquet"


def write_table(out_dir: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    """`rows` as `out_dir/<name>.parquet`, written atomically; the path written."""
    table = pa.Table.from_pylist(rows, schema=SCHEMAS[name])
    target = table_path(out_dir, name)
    temporary = target.with_name(f".{target.name}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, target)
    return target


def read_table(out_dir: Path, name: str) -> pa.Table:
    """A written corpus table."""
    return pq.read_table(table_path(out_dir, name))
