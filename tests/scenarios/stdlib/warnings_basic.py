# warnings: the message, its category and place on stderr (compared here through what
# catch_warnings records), the default filters, and the actions.
import warnings


def old_api():
    warnings.warn("old_api() is deprecated", DeprecationWarning)
    return 1


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("plain")
    old_api()
    warnings.warn(RuntimeWarning("an instance"))
    warnings.warn("future", FutureWarning)
for w in caught:
    print(w.category.__name__, str(w.message), w.lineno, w.filename.endswith("warnings_basic.py"))

# "default": once per place; "ignore" and "error".
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("default")
    for i in range(3):
        warnings.warn("in a loop")
    warnings.warn("in a loop")
print(len(caught), [str(w.message) for w in caught])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("ignore")
    warnings.warn("hidden")
print(len(caught))

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error", UserWarning)
    except UserWarning as e:
        print("raised:", type(e).__name__, e)

with warnings.catch_warnings(record=True) as caught:
    warnings.filterwarnings("ignore", message="noisy")
    warnings.warn("noisy thing")
    warnings.warn("useful thing")
print([str(w.message) for w in caught])

# The default filters: PendingDeprecationWarning is ignored.
with warnings.catch_warnings(record=True) as caught:
    warnings.warn("pending", PendingDeprecationWarning)
    warnings.warn("shown", UserWarning)
print([w.category.__name__ for w in caught])
print(issubclass(DeprecationWarning, Warning), issubclass(FutureWarning, Warning))
print(warnings.formatwarning("msg", UserWarning, "prog.py", 3, "x = 1").rstrip())

try:
    warnings.warn("bad", int)
except TypeError as e:
    print("TypeError:", e)
warnings.warn("to stderr")
print("done")
