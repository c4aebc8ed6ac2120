#!/usr/bin/env python3
"""Write the expectations of the external corpus from CPython's runs.

    generate.py [--runs N] [--check] [NAME...]

For every ``tests/corpus/<kind>/NAME.py`` (or only the NAMEs given) whose header
names its ``# output:`` mode, the program is run N times (default 3) under CPython:

* ``# output: stamped`` -- with ``tests/oracle/cpython_oracle.py --stamp`` (asyncio on
  the virtual clock, each stdout line prefixed with its virtual time);
* ``# output: plain`` -- with plain ``python3`` (threads and processes run on real time).

The runs must agree: exactly (the header gets ``# compare: exact``) or else as sorted
lines (``# compare: sorted``).  A program whose runs disagree even so is reported and gets
no expectation (it does not belong in the corpus).  Plain runs have stdout on a
pseudo-terminal, as in a user's terminal (line-buffered).  Files written beside the program:

* ``NAME.expected`` -- stdout;
* ``NAME.status``   -- the exit code, for exit 1 followed by the last line of stderr;
* ``NAME.stderr``   -- stderr, only for a run that exits 0 with an empty stdout and a
  stderr that is not empty, agrees
  across the runs (programs that report through ``logging``) and does not hold the
  program's absolute path.

``--check`` re-runs and compares with the saved files instead of writing them.
"""

import os
import pty
import select
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "..", "oracle", "cpython_oracle.py")
TIMEOUT = 120


def header(path):
    """The ``# key: value`` lines at the top of a corpus program."""
    fields = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("# ") or ":" not in line:
                break
            key, _, value = line[2:].partition(":")
            fields[key.strip()] = value.strip()
    return fields


def run_once(path, mode):
    folder, name = os.path.split(path)
    # As a user runs it: stdout not forced unbuffered (this machine sets PYTHONUNBUFFERED,
    # which makes print's pieces from several processes interleave mid-line).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONHASHSEED"] = "0"
    if mode == "stamped":
        p = subprocess.run([sys.executable, ORACLE, "--stamp", name], cwd=folder, capture_output=True,
                           text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=env)
        return p.stdout, p.stderr, p.returncode
    return run_on_terminal([sys.executable, name], folder, env)


def run_on_terminal(cmd, folder, env):
    """Run with stdout on a pseudo-terminal, as in a user's terminal: line-buffered, so each
    process writes whole lines when it prints them (on a pipe, each process's output would
    come out in blocks at its exit). stderr is a pipe; stdin is empty."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR  # keep "\n" (a terminal would show "\r\n")
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=folder, stdout=slave, stderr=err, stdin=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks, deadline = [], time.monotonic() + TIMEOUT
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                os.close(master)
                raise subprocess.TimeoutExpired(cmd, TIMEOUT)
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        code = proc.wait()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace"), stderr, code


def agree(texts, compare):
    if compare == "sorted":
        texts = [sorted(t.splitlines()) for t in texts]
    return all(t == texts[0] for t in texts)


def status_line(stderr, code):
    if code != 1:
        return f"{code}\n"
    lines = [l.rstrip() for l in stderr.splitlines() if l.strip()]
    return f"1 {lines[-1] if lines else ''}\n"


def expectations(path, runs):
    """The comparison the runs allow and the files to write for one program, or an error string."""
    mode = header(path).get("output")
    if mode not in ("stamped", "plain"):
        return f"bad header (output={mode!r})"
    results = [run_once(path, mode) for _ in range(runs)]
    outs, errs, codes = zip(*results)
    if len(set(codes)) > 1:
        return f"exit codes differ: {codes}"
    compare = "exact" if agree(outs, "exact") else "sorted" if agree(outs, "sorted") else None
    if compare is None:
        return "stdout differs between runs, even as sorted lines"
    files = {".expected": outs[0], ".status": status_line(errs[0], codes[0])}
    if codes[0] == 1 and len({status_line(e, 1) for e in errs}) > 1:
        return "the last stderr line differs between runs"
    # (not when it names the program by its absolute path, as CPython's tracebacks do:
    # that path is this checkout's)
    folder = os.path.dirname(os.path.abspath(path))
    if codes[0] == 0 and not outs[0] and errs[0] and agree(errs, compare) and folder not in errs[0]:
        files[".stderr"] = errs[0]
    return compare, files


def set_compare(path, compare):
    """Rewrite the program's `# compare:` header line."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("# "):
            break
        if line.startswith("# compare:"):
            lines[i] = f"# compare: {compare}"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main(argv):
    runs, check, names = 3, False, []
    args = iter(argv)
    for a in args:
        if a == "--runs":
            runs = int(next(args))
        elif a == "--check":
            check = True
        else:
            names.append(a)
    programs = []
    for kind in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, kind)
        if not os.path.isdir(folder):
            continue
        for f in sorted(os.listdir(folder)):
            path = os.path.join(folder, f)
            if f.endswith(".py") and "output" in header(path):
                if not names or f[:-3] in names:
                    programs.append(path)
    bad = 0
    for path in programs:
        base = path[:-3]
        try:
            files = expectations(path, runs)
        except subprocess.TimeoutExpired:
            files = f"timed out after {TIMEOUT} s"
        label = os.path.relpath(base, HERE)
        if isinstance(files, str):
            bad += 1
            print(f"NONDETERMINISTIC {label}: {files}", flush=True)
            continue
        compare, files = files
        if check and header(path).get("compare") != compare:
            print(f"STALE {label} compare: the runs now allow {compare}", flush=True)
            bad += 1
            continue
        if check:
            stale = [ext for ext, text in files.items()
                     if not os.path.exists(base + ext) or open(base + ext).read() != text]
            if not os.path.exists(base + ".stderr") and ".stderr" in files:
                stale.append(".stderr")
            print(f"{'STALE' if stale else 'ok'} {label} {' '.join(stale)}", flush=True)
            bad += bool(stale)
            continue
        if ".stderr" not in files and os.path.exists(base + ".stderr"):
            os.remove(base + ".stderr")
        set_compare(path, compare)
        for ext, text in files.items():
            with open(base + ext, "w", encoding="utf-8") as f:
                f.write(text)
        print(f"wrote {label}", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
