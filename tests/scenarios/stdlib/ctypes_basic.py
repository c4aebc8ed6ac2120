# ctypes' simple types, Structure, arrays and sizeof: values converted as ctypes stores them.
from ctypes import c_int, c_double, c_char, c_bool, c_ubyte, c_byte, c_uint, c_long, c_float, sizeof, Structure
print(c_int(5), c_double(1/3), c_char(b'a'), c_char(65), c_bool(2), c_ubyte(256), c_byte(200), c_uint(-1), c_long(2**63), c_float(0.1), c_int(), c_char(), c_double())
print(c_int(5).value, c_char(b'a').value, sizeof(c_int), sizeof(c_double), sizeof(c_char), sizeof(c_long))
for f in [lambda: c_int(1.5), lambda: c_int('x'), lambda: c_double('x'), lambda: c_char(b'ab'), lambda: c_char('a'), lambda: c_char(300)]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
class P(Structure):
  _fields_ = [('x', c_int), ('y', c_double)]
p = P(1, 2); print(p.x, p.y, type(p.y), sizeof(P))
p.x = 7; print(p.x)
for f in [lambda: P(1,2,3), lambda: setattr(p, 'x', 1.5)]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
A = c_int * 3; a = A(1, 2); print(A, list(a), a[0], len(a), a[:], A.__name__, A is c_int * 3)
s = (c_char * 5)(b'h', b'i'); print(s.value, s.raw, s[0], s[:], list(s))
s.value = b'yo'; print(s.raw)
try: s.value = b'toolong'
except Exception as e: print(type(e).__name__, e)
a[1] = 9; print(a[1])
try: a[5]
except Exception as e: print(type(e).__name__, e)
try: a[0] = 1.5
except Exception as e: print(type(e).__name__, e)
pa = (P * 2)((1, 2.0), P(3, 4)); print(pa[0].x, pa[1].y)
print(type(c_int(1)), c_int)


class Inner(Structure):
    _fields_ = [('flag', c_bool), ('code', c_char)]


class Outer(Structure):
    _fields_ = [('id', c_ubyte), ('inner', Inner), ('values', c_int * 2)]


o = Outer(300, Inner(1, b'z'))
o.values[1] = -7
o.inner.code = 66
print(o.id, o.inner.flag, o.inner.code, list(o.values), sizeof(Outer), sizeof(Inner), sizeof(o.values))
o2 = Outer(inner=(False, b'q'))
print(o2.inner.code, o2.inner.flag, (2 * c_double).__name__, len(c_int * 0 and (c_int * 4)()))
try:
    Outer(inner=5)
except TypeError as e:
    print('TypeError:', e)
