# memoryview: a view of a bytes or bytearray without copying; slices are views too, so
# writes through them change the bytearray; release() and `with` end a view.
ba = bytearray(b'hello')
m = memoryview(ba)
print(len(m), m[0], m[-1], m.nbytes, m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
print(m.obj is ba, m.suboffsets, m.c_contiguous, m.f_contiguous, m.contiguous, type(m).__name__)
s = m[1:4]
print(type(s).__name__, bytes(s), s.tolist(), len(s), s.obj is ba)
s[0] = 69
print(ba)
m[::2] = b'xyz'
print(ba, m[::2].tobytes(), m[::2].strides, m[::2].contiguous, m[::-1].tobytes(), m[4:1:-2].tolist())
print(m[1:4][1:].tobytes(), m[::2][::-1].tobytes(), m[10:].tobytes(), len(m[3:1]), m[-100:100].tobytes())
ba[0] = ord('H')
print(m[0], m.tobytes(), s.tobytes())

for bad in [lambda: m[10], lambda: m['a'], lambda: m.__setitem__(0, 256), lambda: m.__setitem__(0, -1),
            lambda: m.__setitem__(0, 'a'), lambda: m.__setitem__(slice(0, 2), b'abc'),
            lambda: m.__delitem__(0), lambda: memoryview(b'x').__setitem__(0, 1),
            lambda: memoryview('abc'), lambda: memoryview(5), lambda: memoryview([1, 2]), lambda: hash(m),
            lambda: m.cast('x'), lambda: m[::2].cast('B'), lambda: memoryview(),
            lambda: m.__setitem__(slice(0, 2), 'ab'), lambda: m.__setitem__(slice(0, 2), [1, 2]),
            lambda: m[1.5], lambda: m[10**30], lambda: m.tobytes('X'), lambda: m[::0],
            lambda: memoryview(b'ab', b'cd')]:
    try:
        print(bad())
    except Exception as x:
        print(type(x).__name__, x)

print(m == b'Hxylz', m == ba, b'Hxylz' == m, m == 'x', m != b'', m == m[:], m[:2] == memoryview(b'Hx'))
print(memoryview(b'ab') == memoryview(b'ab'), memoryview(b'a') == [97], memoryview(b'ab').cast('c') == b'ab')
print(hash(memoryview(b'ab')) == hash(b'ab'))
try:
    hash(memoryview(bytearray(b'ab')).toreadonly())
except TypeError as x:
    print(x)

with memoryview(b'abc') as v:
    print(v.tobytes(), v.obj, v.readonly)
for op in [lambda: v[0], lambda: len(v), lambda: v.nbytes, lambda: v.tobytes(), lambda: v.obj, lambda: bytes(v),
           lambda: v.cast('B'), lambda: memoryview(v), lambda: list(v)]:
    try:
        op()
    except ValueError as x:
        print("ValueError:", x)
print(repr(v).startswith('<released memory at 0x'), repr(memoryview(b'')).startswith('<memory at 0x'))
v.release()
print(v == v, v == b'abc')
try:
    with v:
        pass
except ValueError as x:
    print(x)

print(list(memoryview(b'ab')), memoryview(b'\x01\xff').hex(), memoryview(b'\x01\xff\x10').hex(':'), memoryview(b'ab').tolist())
print(bytes(memoryview(b'abc')[1:]), bytearray(memoryview(b'abc')), b''.join([memoryview(b'ab'), b'c']))
print(memoryview(b'ab').toreadonly().readonly, memoryview(bytearray(b'ab')).toreadonly().readonly)
print(memoryview(memoryview(b'abc')[1:]).tobytes(), memoryview(b'ab').cast('B').tolist(), memoryview(b'ab').cast('c').tolist(),
      memoryview(b'\xff').cast('b').tolist(), memoryview(b'ab').cast('@B').format)
print(b'xab'.find(memoryview(b'ab')), str(memoryview(b'ab'), 'ascii'), b'xaby'.replace(memoryview(b'ab'), b'-'))
buf = bytearray(4)
view = memoryview(buf)
view[1:3] = memoryview(b'\x07\x08')
view[0] = True
signed = view.cast('b')
signed[3] = -2
print(buf, signed.tolist(), view.tolist())
ro = memoryview(bytearray(b'ab')).toreadonly()
try:
    ro[0] = 1
except TypeError as x:
    print(x)

# hashlib takes a view as the bytes it sees.
import hashlib
print(hashlib.sha256(memoryview(b"abc")[1:]).hexdigest() == hashlib.sha256(b"bc").hexdigest())
h = hashlib.md5()
h.update(memoryview(bytearray(b"xyz")))
print(h.hexdigest())

# Bytes concatenate a view; a view with a step is not a simple buffer.
m = memoryview(b'abc')
for f in [lambda: b'y' + m, lambda: bytearray(b'y') + m, lambda: b'y' + m[1:], lambda: b'y' + m[::-1],
          lambda: bytearray(b'y') + m[::2], lambda: b''.join([m[::2]]), lambda: bytes(m[::2]),
          lambda: bytearray(m[::-1]), lambda: b'abc'.find(m[::2]), lambda: m + b'x', lambda: 's' + m,
          lambda: bytearray(b'y').extend(m[::2]), lambda: hashlib.md5(m[::2]), lambda: str(m[::2], 'ascii')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
ba = bytearray(b'q')
alias = ba
ba += m
print(ba, alias is ba)
try:
    ba += m[::2]
except TypeError as e:
    print(e)
print(issubclass(BufferError, Exception))

try:
    class MyView(memoryview):
        pass
except TypeError as e:
    print(e)
print(isinstance(m, memoryview), type(m) is memoryview, memoryview)
