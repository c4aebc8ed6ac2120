# match inside loops and functions: break, continue and return leave the match cleanly.
def classify(events):
    out = []
    for ev in events:
        match ev:
            case ("stop",):
                out.append("stopped")
                break
            case ("skip", n) if n > 0:
                continue
            case ("add", x, y):
                out.append(x + y)
            case {"kind": "note", "text": text}:
                out.append(text.upper())
            case [*_]:
                out.append("other sequence")
            case _:
                out.append("?")
    return out

print(classify([("add", 1, 2), ("skip", 3), {"kind": "note", "text": "hi"}, [9, 9], 5, ("stop",), ("add", 5, 5)]))

def first_even(xs):
    for x in xs:
        match x:
            case int(n) if n % 2 == 0:
                return n
    return None

print(first_even([1, 3, 4, 6]), first_even([1]))

n = 0
while True:
    n += 1
    match n:
        case 1 | 2:
            print("warming up", n)
        case 5:
            print("done at", n)
            break
        case _:
            pass

import asyncio

async def handle(msg):
    await asyncio.sleep(0.1)
    match msg:
        case {"op": "sum", "args": [*nums]}:
            return sum(nums)
        case {"op": "echo", "args": [text]}:
            return text
        case _:
            raise ValueError(f"bad message: {msg}")

async def main():
    print(await handle({"op": "sum", "args": [1, 2, 3]}))
    print(await handle({"op": "echo", "args": ["hello"]}))
    try:
        await handle({"op": "nope"})
    except ValueError as e:
        print("error:", e)

asyncio.run(main())
