def attempt(x):
    log = []
    try:
        log.append("try")
        if x == 0:
            raise ValueError("zero")
        result = 10 // x
    except ValueError:
        log.append("except")
        result = None
    else:
        log.append("else")
    finally:
        log.append("finally")
    return result, log


def finally_overrides():
    try:
        return "from try"
    finally:
        print("finally runs before return")


def loop_with_finally():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)


print(attempt(2))
print(attempt(0))
print(finally_overrides())
loop_with_finally()
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)
