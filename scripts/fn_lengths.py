#!/usr/bin/env python3
"""Prints the functions of src/ longer than 80 lines (and marks those over 120), longest first.

A function runs from its `fn` line to the first line after it that closes its indentation (`}` at
the `fn` line's indentation), as rustfmt lays functions out. tests/repository.rs applies the same
rule in Rust. Usage: scripts/fn_lengths.py [--over N] [ROOT]
"""

import os
import re
import sys

FN = re.compile(r"^(\s*)(pub(\([^)]*\))? )?(const )?(async )?(unsafe )?(extern \"C\" )?fn (\w+)")


def functions(path):
    """Yields (name, first line, length in lines) for every function with a body in the file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        indent = m.group(1)
        j = i
        # the signature may run over several lines: a body opens with `{`, a declaration ends with `;`
        while j < len(lines) and not lines[j].rstrip().endswith(("{", ";", "}")):
            j += 1
        if j >= len(lines) or lines[j].rstrip().endswith(";"):
            continue
        if lines[j].rstrip().endswith("}") and lines[j].count("{") >= 1:
            yield m.group(8), i + 1, j - i + 1
            continue
        k = j + 1
        while k < len(lines) and lines[k].rstrip() != indent + "}":
            k += 1
        yield m.group(8), i + 1, k - i + 1


def main():
    args = sys.argv[1:]
    over = 80
    if args[:1] == ["--over"]:
        over = int(args[1])
        args = args[2:]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    found = []
    for d, _, files in os.walk(os.path.join(root, "src")):
        for f in files:
            if f.endswith(".rs"):
                p = os.path.join(d, f)
                for name, line, n in functions(p):
                    found.append((n, os.path.relpath(p, root), line, name))
    found.sort(reverse=True)
    long = [f for f in found if f[0] > over]
    for n, p, line, name in long:
        mark = "  (over 120)" if n > 120 else ""
        print(f"{n:5} {p}:{line} {name}{mark}")
    print(f"{len(long)} functions over {over} lines, {sum(1 for f in found if f[0] > 120)} over 120,"
          f" of {len(found)}; the longest {found[0][0] if found else 0}")


if __name__ == "__main__":
    main()
