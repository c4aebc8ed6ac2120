#!/usr/bin/env python3
"""Write tests/corpus/INDEX.md: one row per program of the external corpus (its source,
licence, kind, comparison, the modules it imports and, for a known failure, why it fails),
then the programs left out (from excluded.tsv) with the reason."""

import ast
import os

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["asyncio", "threading", "processes", "mixed"]


def header(text):
    fields = {}
    for line in text.split("\n"):
        if not line.startswith("# ") or ":" not in line:
            break
        key, _, value = line[2:].partition(":")
        fields[key.strip()] = value.strip()
    return fields


def imports(text):
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return sorted(names)


def known_failures():
    out = {}
    with open(os.path.join(HERE, "known_failures.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                label, _, reason = line.partition(": ")
                out[label] = reason
    return out


def link(source):
    url, _, rest = source.partition(" ")
    short = url.split("/blob/")[-1].split("/", 1)[-1] if "/blob/" in url else url.split("/")[-1]
    return f"[{short}]({url}){' ' + rest if rest else ''}"


def main():
    known = known_failures()
    rows, counts = [], {}
    for kind in KINDS:
        folder = os.path.join(HERE, kind)
        for f in sorted(os.listdir(folder)):
            path = os.path.join(folder, f)
            if not f.endswith(".py") or not os.path.exists(path[:-3] + ".expected"):
                continue
            text = open(path, encoding="utf-8").read()
            h = header(text)
            label = f"{kind}/{f[:-3]}"
            status = f"fails: {known[label]}" if label in known else "passes"
            counts.setdefault(kind, [0, 0])
            counts[kind][0] += label not in known
            counts[kind][1] += 1
            lic = h["licence"].split(" (see")[0]
            rows.append(f"| `{label}` | {link(h['source'])} | {lic} | {h['output']}, {h['compare']} | "
                        f"{', '.join(imports(text))} | {status} |")
    out = ["# The external corpus", "",
           "Real concurrency programs that nobody on this project wrote, copied verbatim (see each",
           "program's header and `LICENSES.md`), with CPython 3.11's output beside them. Written by",
           "`index.py`; how the corpus is run and regenerated: the README's *External corpus* section.", "",
           "| kind | programs | pass (not in known_failures.txt) |", "|---|---|---|"]
    for kind in KINDS:
        p, n = counts.get(kind, [0, 0])
        out.append(f"| {kind} | {n} | {p} |")
    out += ["", "| program | source | licence | output, compare | imports | status |", "|---|---|---|---|---|---|"]
    out += rows
    out += ["", "## Left out", "",
            "Programs read and run but not kept as tests, with the reason. No text of them is kept here.", "",
            "| program | kind | source | licence | why left out |", "|---|---|---|---|---|"]
    with open(os.path.join(HERE, "excluded.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, kind, source, lic, why = line.rstrip("\n").split("\t")
                out.append(f"| `{name}` | {kind} | {link(source)} | {lic.split(' (see')[0]} | {why} |")
    with open(os.path.join(HERE, "INDEX.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
