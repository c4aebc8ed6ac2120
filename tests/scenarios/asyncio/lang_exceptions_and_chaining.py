class AppError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class NotFound(AppError):
    pass


def lookup(d, key):
    try:
        return d[key]
    except KeyError as e:
        raise NotFound(404, f"missing {key}") from e


try:
    lookup({}, "x")
except AppError as e:
    print(type(e).__name__, e.code, e, "cause:", repr(e.__cause__))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    print("context:", type(e.__context__).__name__, e.__context__)

for exc in (TypeError("t"), KeyError("k"), IndexError("i"), AttributeError("a")):
    try:
        raise exc
    except (TypeError, KeyError) as e:
        print("first handler", repr(e))
    except Exception as e:
        print("generic handler", repr(e))

try:
    try:
        raise RuntimeError("inner")
    except RuntimeError:
        print("re-raising")
        raise
except RuntimeError as e:
    print("outer caught", e, e.args)

print(isinstance(NotFound(1, "m"), AppError), isinstance(NotFound(1, "m"), KeyError))
print(repr(ValueError()), str(ValueError("x", 2)), repr(Exception("a", 1)))
