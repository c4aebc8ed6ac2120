# __del__ given to a base class after a subclass was made still runs for the
# subclass's instances, and taking it away again stops it (CPython updates the
# tp_finalize slot of every subclass).


class Base:
    pass


class Sub(Base):
    pass


class SubSub(Sub):
    pass


def finalizer(self):
    print("finalizing", type(self).__name__, self.tag)


s = Sub()
s.tag = "made before"
Base.__del__ = finalizer
del s
t = SubSub()
t.tag = "grandchild"
del t
del Base.__del__
u = Sub()
u.tag = "after removal"
del u
print("no finalizer ran for the last one")
setattr(Sub, "__del__", lambda self: print("Sub's own", self.tag))
v = SubSub()
v.tag = "via setattr"
del v
print("end")
