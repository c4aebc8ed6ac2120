# Errors bytes and bytearray raise, with CPython's messages.
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)


attempt(lambda: b'a' + 'a')
attempt(lambda: 'a' + b'a')
attempt(lambda: bytearray(b'a') + 'a')
attempt(lambda: b'a' + 1)
attempt(lambda: bytes([256]))
attempt(lambda: bytes([-1]))
attempt(lambda: bytearray([300]))
attempt(lambda: bytes(['a']))
attempt(lambda: bytes(-1))
attempt(lambda: bytes(1.5))
attempt(lambda: bytearray(1.5))
attempt(lambda: bytes('x'))
attempt(lambda: bytes(1, 'utf-8'))
attempt(lambda: bytes(2 ** 63))
attempt(lambda: hash(bytearray()))
attempt(lambda: {bytearray(b'a'): 1})
attempt(lambda: b'a'[5])
attempt(lambda: bytearray(b'a')[5])
key = 'x'
attempt(lambda: b'a'[key])
attempt(lambda: 'a' in b'a')
attempt(lambda: 300 in b'a')
attempt(lambda: b'a' < 'a')
attempt(lambda: format(b'a', 'x'))
attempt(lambda: b'a'.split('a'))
attempt(lambda: b'a'.split(b''))
attempt(lambda: b'a'.join(['a']))
attempt(lambda: b'a'.join([1]))
attempt(lambda: b'a'.startswith('a'))
attempt(lambda: b'ab'.index(b'c'))
attempt(lambda: b'a'.replace('a', b'b'))
attempt(lambda: bytes.fromhex('zz'))
attempt(lambda: bytes.fromhex('a'))
attempt(lambda: bytes.fromhex(b'00'))
attempt(lambda: b'x' * (2 ** 70))
attempt(lambda: b'x' * 1.5)
attempt(lambda: -b'x')
attempt(lambda: b'a'.decode(1))


def assign(target, key, value):
    target[key] = value
    return target


def delete(target, key):
    del target[key]
    return target


attempt(lambda: assign(b'a', 0, 1))
attempt(lambda: assign(bytearray(b'a'), 0, 256))
attempt(lambda: assign(bytearray(b'a'), 0, 'a'))
attempt(lambda: assign(bytearray(b'a'), 3, 1))
attempt(lambda: assign(bytearray(b'abc'), slice(0, 1), 5))
attempt(lambda: assign(bytearray(b'abc'), slice(None, None, 2), b'x'))
attempt(lambda: delete(b'a', 0))
attempt(lambda: delete(bytearray(b'a'), 4))
ba = bytearray(b'ab')
attempt(lambda: ba.append(256))
attempt(lambda: ba.append('a'))
attempt(lambda: ba.extend('ab'))
attempt(lambda: ba.remove(122))
attempt(lambda: bytearray().pop())
attempt(lambda: ba.pop(9))
print(ba)
attempt(lambda: bytes.decode('x'))
attempt(lambda: bytes.decode())
attempt(lambda: bytearray.append(b'x', 1))
attempt(lambda: b'x' * b'y')
attempt(lambda: b'x' * [1])
attempt(lambda: [1] * b'x')
attempt(lambda: 1.5 * bytearray(b'x'))
attempt(lambda: b'x' * None)
