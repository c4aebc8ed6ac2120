# Descriptors of the program's own: __get__ through instances and the class, __set__,
# and __set_name__ at class creation.
class D:
    def __get__(self, inst, owner=None):
        return ("got", inst is not None)
class C:
    x = D()
print(C().x, C.x)
class Positive:
    def __set_name__(self, owner, name):
        self.private = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.private[1:]} must be positive")
        setattr(obj, self.private, value)
class Order:
    qty = Positive()
    def __init__(self, q):
        self.qty = q
o = Order(3)
print(o.qty, o._qty, type(Order.qty).__name__)
try:
    o.qty = -1
except ValueError as e:
    print("ValueError:", e)
