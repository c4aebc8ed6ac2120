# __del__ runs when an object's last reference goes (del, rebinding, a function's
# return), once, and at exit for what the main module still holds.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del', self.n)


def f():
    x = A('local')
    print('in f')


f()
a = A('a')
_b = A('_b')
c = A('c')
l = [A('in list')]
a2 = a
del a
print('after del a')
a2 = None
c = A('c2')


class B(A):
    def __del__(self):
        print('B del', self.n)
        super().__del__()


b = B('b')
r = A('revived')
keep = []


class Keeper:
    def __del__(self):
        keep.append(self)
        print('kept, once')


k = Keeper()
k = None
keep.clear()
print('cleared', len(keep))
# What is left goes now, in the order of the deletions (the interpreter's exit has its
# own order: see src/vm/finalizer.rs).
del c, _b, b, r, l
print('end')
