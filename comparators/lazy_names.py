"""Names a package exports but imports only when first read (PEP 562), so importing the
package stays cheap: `from comparators import StoryError` loads no NumPy, and `export`,
which needs only the reports' suffixes, builds none of the reports' dataclasses."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_names(package: str, module_of: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: `name` read from `module_of[name]` on first
    use, then kept in the package like any name it defines."""

    def __getattr__(name: str) -> object:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
