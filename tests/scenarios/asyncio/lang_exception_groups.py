def handle(eg):
    try:
        raise eg
    except* ValueError as group:
        print("  values:", [str(e) for e in group.exceptions])
    except* (TypeError, KeyError) as group:
        print("  type/key:", [repr(e) for e in group.exceptions])


print("flat group")
handle(ExceptionGroup("flat", [ValueError("a"), TypeError("b"), ValueError("c")]))
print("nested group")
handle(ExceptionGroup("outer", [KeyError("k"), ExceptionGroup("inner", [ValueError("v")])]))

eg = BaseExceptionGroup("auto", [ValueError("x")])
print(type(eg).__name__, eg.message, len(eg.exceptions), str(eg))

try:
    try:
        raise ExceptionGroup("mixed", [ValueError("handled"), RuntimeError("unhandled")])
    except* ValueError:
        print("handled the ValueError part")
except ExceptionGroup as rest:
    print("rest re-raised:", repr(rest))

try:
    raise RuntimeError("naked")
except* RuntimeError as group:
    print("a naked exception is wrapped:", type(group).__name__, repr(group.exceptions[0]))
