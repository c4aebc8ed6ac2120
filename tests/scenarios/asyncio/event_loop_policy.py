import asyncio
import logging, selectors
import sys
logging.basicConfig(level=logging.DEBUG, format='%(name)s: %(message)s', stream=sys.stdout)

class Sel:
    pass

class MyPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        print("policy makes a loop")
        return asyncio.SelectorEventLoop(selectors.SelectSelector())

print(isinstance(asyncio.get_event_loop_policy(), asyncio.AbstractEventLoopPolicy))
asyncio.set_event_loop_policy(MyPolicy())
print(type(asyncio.get_event_loop_policy()).__name__)

async def main():
    print("running", isinstance(asyncio.get_running_loop(), asyncio.AbstractEventLoop))
    return 7

print(asyncio.run(main()))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)
asyncio.set_event_loop(asyncio.new_event_loop())
loop = asyncio.get_event_loop()
print(loop is asyncio.get_event_loop(), isinstance(loop, asyncio.SelectorEventLoop), isinstance(loop, asyncio.BaseEventLoop))
try:
    asyncio.set_event_loop_policy(3)
except TypeError as e:
    print(e)
asyncio.set_event_loop_policy(None)
print(type(asyncio.get_event_loop_policy()).__name__)
l2 = asyncio.new_event_loop()
print(l2.run_until_complete(main()))
l2.close()
class Bad(asyncio.AbstractEventLoopPolicy):
    pass
asyncio.set_event_loop_policy(Bad())
try:
    asyncio.new_event_loop()
except NotImplementedError as e:
    print("NotImplementedError", e)
asyncio.set_event_loop_policy(None)
print(asyncio.DefaultEventLoopPolicy.__name__, asyncio.events.BaseDefaultEventLoopPolicy.__name__)
print(selectors.DefaultSelector.__name__)
s = selectors.SelectSelector()
print(type(s).__name__)
k = s.register(5, selectors.EVENT_READ, "data")
print(k, s.get_key(5).data, len(s.get_map()), 5 in s.get_map())
print(s.modify(5, selectors.EVENT_READ, "d2"))
for bad in [lambda: s.register(5, 1), lambda: s.register(6, 0), lambda: s.register(-1, 1), lambda: s.register("x", 1), lambda: s.unregister(9)]:
    try:
        bad()
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
s.unregister(5)
s.close()
try:
    s.get_key(5)
except RuntimeError as e:
    print(e)
