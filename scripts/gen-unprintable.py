#!/usr/bin/env python3
"""Regenerate src/builtins/unprintable.rs from CPython's str.isprintable() (run with 3.11)."""
import sys
ranges, start = [], None
for cp in range(0x110000):
    unprintable = not chr(cp).isprintable()
    if unprintable and start is None:
        start = cp
    if not unprintable and start is not None:
        ranges.append((start, cp - 1))
        start = None
if start is not None:
    ranges.append((start, 0x10FFFF))
lines = [
    "//! Code points that are not printable for `repr(str)` (CPython's `Py_UNICODE_ISPRINTABLE`:",
    "//! categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the space), as sorted inclusive",
    "//! ranges. Generated from CPython 3.11's `str.isprintable()` (Unicode 14.0) by",
    "//! `scripts/gen-unprintable.py`; do not edit.",
    "",
    "/// Sorted, disjoint, inclusive ranges of the code points `repr` escapes.",
    f"pub const UNPRINTABLE: [(u32, u32); {len(ranges)}] = [",
]
for i in range(0, len(ranges), 6):
    lines.append("    " + ", ".join(f"(0x{a:x}, 0x{b:x})" for a, b in ranges[i:i + 6]) + ",")
lines.append("];")
with open(sys.argv[1] if len(sys.argv) > 1 else "src/builtins/unprintable.rs", "w") as f:
    f.write("\n".join(lines) + "\n")
