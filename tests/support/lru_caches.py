"""The `functools` caches of the project's own modules, for the benchmarks that empty or
count them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any


def module_caches(packages: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """(qualified name, cached function) for every cache defined in a loaded module of
    `packages` (a function a module only imports is found once, in the module defining it)."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in packages:
            continue
        for attribute, function in list(vars(module).items()):
            if hasattr(function, "cache_info") and getattr(function, "__module__", None) == name:
                yield f"{name}.{attribute}", function
