# throw() raises inside the generator at its yield; close() throws GeneratorExit,
# which runs finally blocks; a generator that yields again after it gets
# "generator ignored GeneratorExit".
def resource(name):
    print("open", name)
    try:
        while True:
            try:
                value = yield
                print(name, "got", value)
            except ValueError as e:
                print(name, "recovers from", e)
                yield "recovered"
    finally:
        print("close", name)

r = resource("db")
next(r)
r.send(1)
print(r.throw(ValueError("glitch")))
r.close()
r.close()
print(next(r, "finished"))

r = resource("never started")
r.close()
print("closing a new generator runs nothing")

def stubborn():
    while True:
        try:
            yield "again"
        except GeneratorExit:
            print("ignoring GeneratorExit")

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(type(e).__name__, e)

def tries():
    try:
        yield 1
    except ZeroDivisionError as e:
        print("inside:", repr(e))
        raise KeyError("converted") from e

t = tries()
next(t)
try:
    t.throw(ZeroDivisionError("zero"))
except KeyError as e:
    print("outside:", repr(e), repr(e.__cause__))
try:
    t.throw(ValueError("late"))
except ValueError as e:
    print("a finished generator re-raises", e)

u = tries()
try:
    u.throw(IndexError("before start"))
except IndexError as e:
    print("thrown before start:", e)
print(list(u))

def reentrant():
    yield next(me)
me = reentrant()
try:
    next(me)
except ValueError as e:
    print(e)

# Its last reference goes: finalized once more ("Exception ignored in: ..." on stderr).
s = None
print("end")
