"""Loops in a directed graph given as adjacency lists (supports, team tree, within)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def find_loops(nodes: Iterable[str], edges: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """Each distinct loop once, as a node list starting at its smallest node."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    loops: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(nodes):
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(start, sorted(set(edges(start))))]
        state[start], path = 1, [start]
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = pending.pop(0)
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                turn = loop.index(min(loop))
                rotated = loop[turn:] + loop[:turn]
                loops.setdefault(tuple(rotated), rotated)
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(set(edges(nxt)))))
    return [loops[key] for key in sorted(loops)]
