"""Hostile input that more than one test folder builds (kept small: the limits are lowered)."""

from __future__ import annotations

import itertools


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """About 330 bytes that become 9**9 (387 million) strings once every alias is expanded."""
    names = "abcdefghijklmnop"[:levels]
    lines = [f"a: &a [{','.join(['lol'] * width)}]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * width)}]")
    return "\n".join(lines) + "\n"
