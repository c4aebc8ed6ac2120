# memoryview.cast to the native struct formats: item sizes, values as struct unpacks
# them, the checks of assignments, equality across formats, and the errors in CPython's order.
m = memoryview(bytearray(8))
for f in ['b','c','H','i','d','f','?','e','Q','P','n', '@i', 'ii', 'x']:
    try:
        v = m.cast(f); print(f, v.format, v.itemsize, len(v), v.nbytes, v.shape, v.strides, v.tolist()[:2])
    except Exception as e: print(f, type(e).__name__, e)
b = m.cast('b')
try: b[0:2] = b'ab'
except Exception as e: print(type(e).__name__, e)
i = m.cast('I')
i[0] = 2**32-1; i[1] = 7; print(bytes(m), i.tolist(), i[::-1].tolist(), i[1:].tobytes(), i[::-1].contiguous)
for v in [2**32, -1, 1.0, 'a', True, 2**100]:
    try: i[0] = v
    except Exception as e: print(type(e).__name__, e)
print(i.tolist())
d = m.cast('d'); d[0] = 1.5
for v in [1, 'a', 2**1000, True, 10**400]:
    try: d[0] = v; print(d[0])
    except Exception as e: print(type(e).__name__, e)
q = m.cast('?'); q[0] = 5; q[1]= []; print(q.tolist(), m.tobytes())
try: i.cast('H')
except Exception as e: print(type(e).__name__, e)
print(i.cast('B').tolist(), i == i.cast('B'), memoryview(b'\x01\x00').cast('H') == memoryview(b'\x01').cast('B'), memoryview(b'\x01\x00\x00\x00').cast('i') == [1])
print(memoryview(b'\x01\x00\x00\x00\x00\x00\xf0\x3f').cast('d').tolist())
print(memoryview(b'\x00\x00\x00\x00\x00\x00\xf0\x3f').cast('d') == memoryview(b'\x01').cast('B'))
try: hash(memoryview(b'abcd').cast('I'))
except Exception as e: print(type(e).__name__, e)
x = memoryview(b'abcdef').cast('H'); print(x[1:].tobytes(), len(x), x.hex(), x[1], x[-1], x[::2].tolist())
try: memoryview(b'abc').cast('H')
except Exception as e: print(type(e).__name__, e)
print(memoryview(b'\xff\xff').cast('h').tolist(), memoryview(b'\xff' * 8).cast('Q').tolist(), memoryview(b'\xff' * 8).cast('q').tolist())
try: memoryview(b'abcd').cast('B', [3])
except Exception as e: print(type(e).__name__, e)
print(memoryview(b'abcd').cast('B', [4]).tolist(), memoryview(b'abcd').cast('B', shape=(4,)).shape)
y = memoryview(bytearray(4)).cast('H'); y[0:1] = memoryview(bytearray(b'\x05\x00')).cast('H'); print(y.tolist())
try: y[0:1] = b'\x05\x00'
except Exception as e: print(type(e).__name__, e)
try: m[::2].cast('x')
except Exception as e: print(type(e).__name__, e)
f = memoryview(bytearray(8)).cast('f'); f[0] = 0.1; f[1] = 3; print(f.tolist())
print(memoryview(b'\x01\x02').cast('B') == memoryview(b'\x01\x02').cast('b'), memoryview(b'\xff').cast('B') == memoryview(b'\xff').cast('b'), memoryview(b'a').cast('c') == b'a')
print(list(memoryview(b'\x01\x00\x02\x00').cast('H')), bytes(memoryview(b'\x01\x00\x02\x00').cast('H')[::-1]))
