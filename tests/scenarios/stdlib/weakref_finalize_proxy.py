# weakref.finalize runs a cleanup when its object dies, or at exit; weakref.proxy
# stands for an object without keeping it alive; atexit runs functions at exit.
import atexit
import weakref


class TempDir:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, self.cleanup_files, name)

    @staticmethod
    def cleanup_files(name):
        print("removing", name)
        return name

    def remove(self):
        return self._finalizer()

    @property
    def removed(self):
        return not self._finalizer.alive


t = TempDir("tmp1")
print(t.removed, t._finalizer.atexit)
del t  # collected: the finalizer runs now

t2 = TempDir("tmp2")
print("remove() ->", t2.remove(), t2.removed)
print("again ->", t2.remove())
del t2  # already finalized: nothing more

t3 = TempDir("tmp3")
obj, func, args, kwargs = t3._finalizer.peek()
print(obj is t3, func.__name__, args, kwargs)
t4 = TempDir("tmp4")
t4._finalizer.atexit = False  # not run at exit
t5 = TempDir("tmp5")
detached = t5._finalizer.detach()
print("detached:", detached[2], t5._finalizer.alive)


def goodbye():
    print("atexit: goodbye")


# (What runs at exit is pinned by a unit test: the oracle's capture ends before it.)
print(atexit.register(goodbye) is goodbye, atexit._ncallbacks() >= 1)
atexit.unregister(goodbye)
t3._finalizer.atexit = False


class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def deposit(self, n):
        self.balance += n
        return self.balance

    def __len__(self):
        return self.balance


acct = Account("ann")
p = weakref.proxy(acct)
print(p.owner, p.deposit(5), len(p), p.balance)
p.balance = 42
print(acct.balance, isinstance(p, weakref.ProxyType), type(p) in weakref.ProxyTypes)
fp = weakref.proxy(TempDir.cleanup_files)
print(type(fp).__name__)
del acct
try:
    p.owner
except ReferenceError as e:
    print("ReferenceError:", e)
print("end of program")
