"""Disjoint sets: things joined in pairs, read back as the sets they form."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Sets of hashable items; `items` (and any item `key` or `join` first meets) start
    as sets of one. `sets()` lists them in the order their first item was met."""

    def __init__(self, items: Iterable[Hashable] = ()) -> None:
        self._parent: dict = {item: item for item in items}

    def key(self, item):
        """The item that stands for `item`'s set."""
        self._parent.setdefault(item, item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def join(self, a, b) -> None:
        root_a, root_b = self.key(a), self.key(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def sets(self) -> list[list]:
        groups: dict = {}
        for item in list(self._parent):
            groups.setdefault(self.key(item), []).append(item)
        return list(groups.values())
