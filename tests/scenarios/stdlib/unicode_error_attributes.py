# UnicodeEncodeError/UnicodeDecodeError: args are CPython's 5-tuple, the attributes can be
# changed and str() follows them, and the constructors check their arguments.
try:
    "h\xe9llo \u20ac".encode("ascii")
except UnicodeEncodeError as e:
    print(e)
    print(e.args)
    print(repr(e))
    print(e.encoding, repr(e.object), e.start, e.end, e.reason)
    err = e

try:
    b"ok \xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
    print(e.args, isinstance(e, UnicodeError), isinstance(e, ValueError))

e = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "bad")
print(str(e), repr(e), e.object, e.start, e.end, e.reason, e.encoding)
e.reason = "worse"
e.end = 2
print(str(e), e.args)
e = UnicodeDecodeError("my-codec", bytearray(b"xy"), 0, 2, "why")
print(e, e.object, e.args[1])
e = UnicodeEncodeError("ascii", "h\xe9\u20ac\U0001f600", 1, 2, "r")
print(str(e), e.args)
for start in (2, 3):
    e.start, e.end = start, start + 1
    print(e)
e.end = 5
print(e)

for args in [("a",), (1, b"", 0, 1, "r"), ("a", "b", 0, 1, "r"), ("a", b"x", "0", 1, "r"), ("a", bytearray(b"xy"), 0, 2, 5)]:
    try:
        UnicodeDecodeError(*args)
    except TypeError as x:
        print("TypeError:", x)
try:
    UnicodeEncodeError("a", b"x", 0, 1, "r")
except TypeError as x:
    print("TypeError:", x)


class MyDecodeError(UnicodeDecodeError):
    pass


try:
    raise MyDecodeError("utf-8", b"\x80", 0, 1, "invalid start byte")
except UnicodeError as x:
    print(type(x).__name__, x, x.args)

b"\x80abc".decode("utf-8")
