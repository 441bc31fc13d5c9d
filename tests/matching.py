"""Pairing proposals with the claims a reporter kept: the maximum-weight assignment (the
Hungarian algorithm), so that one long proposal counts for one kept claim, never for several,
and every proposal for at most one."""

from __future__ import annotations


def assignment(weights: list[list[float]]) -> dict[int, int]:
    """Row -> column of the assignment with the largest total weight; a weight of 0 is no
    edge (such pairs are left out)."""
    rows, cols = len(weights), max((len(r) for r in weights), default=0)
    n = max(rows, cols)
    if n == 0:
        return {}
    top = max((w for r in weights for w in r), default=0)
    cost = [
        [top - (weights[i][j] if i < rows and j < len(weights[i]) else 0) for j in range(n)]
        for i in range(n)
    ]
    inf = float("inf")
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        slack, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, j0
                    if slack[j] < delta:
                        delta, j1 = slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    pairs = {}
    for j in range(1, n + 1):
        i = match[j] - 1
        if i < rows and j - 1 < len(weights[i]) and weights[i][j - 1] > 0:
            pairs[i] = j - 1
    return pairs
