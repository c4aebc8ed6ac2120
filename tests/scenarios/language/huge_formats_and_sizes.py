# Large but legal widths and precisions format as CPython does; absurd ones raise
# CPython's exceptions (formatting, padding, repetition).
import asyncio

print(len(f"{1.5:.70000f}"), f"{1.5:.70000f}"[:8], f"{1.5:.70000f}"[-3:])
print(len("%.70000e" % 1.5), ("%.70000e" % 1.5)[-6:])
print(len(f"{0.5:.70000%}"), f"{2.5:.70000g}", f"{2.5:#.2000g}"[-4:])
print(len(f"{5e-324:.1100f}".rstrip("0")), f"{1e300:.3f}"[:5])
print(repr("%*d|" % (5, 42)), repr("%-*d|" % (5, 42)), repr("%*d|" % (-5, 42)))
print(repr("%.*f" % (2, 3.14159)), repr("%*.*f" % (8, 3, 2.5)), repr("%.*f" % (-3, 1.5)))
print(repr("{:>{}}|".format(1, 5)), repr("{}{:>{}}|{}".format("a", 1, 5, "z")))
print((1, 2) * 3, 2 * (1,), 3 * [0], [1] * -2, True * (7,))
print(repr("ab".center(7, "*")), repr("ab".ljust(5)), repr("-42".zfill(6)), repr("7".rjust(3, "0")))

def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("precision too big", lambda: f"{1.5:.{2**31}f}")
attempt("str precision", lambda: print(f"{'abc':.{2**31}}"))
attempt("too many digits", lambda: f"{1:>{2**63}}")
attempt("star not int", lambda: "%*d" % ("a", 1))
attempt("star precision", lambda: "%.*f" % (2**31, 1.5))
attempt("star width", lambda: "%*d" % (2**63, 1))
attempt("star missing", lambda: "%*s" % (3,))
attempt("repeat str", lambda: "ab" * 2**62)
attempt("repeat index", lambda: "ab" * 2**63)
attempt("ljust index", lambda: "x".ljust(2**63))
attempt("center arity", lambda: "x".center())
attempt("center fill", lambda: "x".center(5, "ab"))
attempt("zfill arity", lambda: "x".zfill(5, "0"))

async def main():
    loop = asyncio.get_running_loop()
    t = loop.time()
    print(await asyncio.sleep(float("nan"), result="nan sleep"), loop.time() - t)

asyncio.run(main())
