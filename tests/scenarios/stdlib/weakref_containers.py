# WeakKeyDictionary, WeakSet and WeakMethod: bookkeeping about objects without keeping
# them alive.
import weakref


class Node:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Node({self.n})"


extra = weakref.WeakKeyDictionary()
nodes = [Node(i) for i in range(4)]
for n in nodes:
    extra[n] = n.n * 10
print(len(extra), extra[nodes[2]], nodes[1] in extra, Node(9) in extra)
del nodes[1]
print(len(extra), sorted(extra.values()))
print(sorted(k.n for k in extra.keys()))
nodes.clear()
print(len(extra), list(extra.items()))

# A registry of live instances.
class Connection:
    live = weakref.WeakSet()

    def __init__(self, name):
        self.name = name
        Connection.live.add(self)

    def __repr__(self):
        return f"Connection({self.name})"


c1, c2, c3 = Connection(1), Connection(2), Connection(3)
print(len(Connection.live), sorted(c.name for c in Connection.live))
del c2
print(len(Connection.live), sorted(c.name for c in Connection.live), c1 in Connection.live)
c3 = None
print(len(Connection.live), list(Connection.live))
s2 = weakref.WeakSet([c1])
print(s2 == Connection.live, s2 <= Connection.live, len(s2 | Connection.live))
Connection.live.discard(c1)
print(len(Connection.live), bool(Connection.live), bool(s2))

# Observers held weakly: a subscriber that goes away stops being called.
class Publisher:
    def __init__(self):
        self.subscribers = []

    def subscribe(self, method):
        self.subscribers.append(weakref.WeakMethod(method))

    def publish(self, msg):
        alive = []
        for wm in self.subscribers:
            m = wm()
            if m is not None:
                m(msg)
                alive.append(wm)
        self.subscribers = alive
        print(f"published to {len(alive)}")


class Listener:
    def __init__(self, name):
        self.name = name

    def on_message(self, msg):
        print(f"{self.name} got {msg}")


pub = Publisher()
l1, l2 = Listener("l1"), Listener("l2")
pub.subscribe(l1.on_message)
pub.subscribe(l2.on_message)
pub.publish("hello")
del l1
pub.publish("again")
print(weakref.ref(l2.on_message)() is None, "(a bound method dies at once)")
