"""Progress for long commands: a tqdm bar on a terminal, one plain line per step under CI or
when the output is a pipe or a log."""

from __future__ import annotations

import os
import sys


class Progress:
    def __init__(self, total: int, unit: str = "step") -> None:
        self.plain = bool(os.environ.get("CI")) or not sys.stderr.isatty()
        self.bar = None
        if not self.plain and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=unit, file=sys.stderr)

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(label)
            self.bar.update()
        else:
            print(f"  {label}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
