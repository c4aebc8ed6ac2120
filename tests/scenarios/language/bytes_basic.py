# bytes and bytearray values: literals, constructors, sequence operations, reprs.
b = b'hello\x00'
print(b, repr(b), str(b), len(b), b[0], b[-1], b[1:3], b[::-1], type(b).__name__)
print(b"it's", b'"', b'\'"', rb'\n', b'a' b'b', b'''tri
ple''', b'\t\r\\\x7f\x80\xff')
print(bytes(), bytes(3), bytes([65, 66]), bytes('é', 'utf-8'), bytes(range(3)), bytes(b'xy'), bytes((1, 2)))
print(bytearray(), bytearray(2), bytearray(b'xy'), bytearray('ab', 'ascii'), bytearray([1, 2]))
print(b'ab' + b'cd', b'ab' * 3, 3 * b'x', b'ab' * 0, b'ab' * -2, b'ab' + bytearray(b'c'), bytearray(b'c') + b'ab')
print(b'a' == b'a', b'a' != b'b', b'a' < b'b', b'ab' > b'a', b'a' <= b'a', b'a' == bytearray(b'a'), b'a' == 'a', b'' < b'\x00')
print(98 in b'abc', 100 in b'abc', b'bc' in b'abc', b'' in b'x', b'ca' not in b'abc', bytearray(b'b') in b'abc')
print(list(b'abc'), [x + 1 for x in bytearray(b'\x00\x01')], sorted(b'cab'), max(b'az'), sum(b'\x01\x02'))
print(hash(b'x') == hash(b'x'), {b'k': 1}[b'k'], len({b'a', b'a', b'b'}), bool(b''), bool(b'\x00'), bool(bytearray()))
print(b'abcdef'[1:5:2], b'abc'[:-1], b'abc'[10:], bytearray(b'abcdef')[::2], isinstance(b'', bytes), isinstance(bytearray(), bytearray))
x = b'ab'
x += b'cd'
print(x, type(x).__name__)
ba = bytearray(b'ab')
alias = ba
ba += b'cd'
print(alias, ba is alias)
print(bytes(bytearray(b'q')), bytearray(bytes(2)), bytes([True, False]))
