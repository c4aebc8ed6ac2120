# bytes in f-strings, str.format, % and str(): their repr, as CPython without -b.
b = b'caf\xc3\xa9'
ba = bytearray(b'x')
print(f'{b}', f'{b!r}', f'{b!s}', f'{ba}', f'{b!a}')
print('{}'.format(b), '{!r}'.format(ba), '%s' % b, '%r' % ba, str(b), format(b), format(b, ''))
print([b, ba], (b'',), {b'k': b'v'}, str([b'\x00']))
print(f'{b:>5}' if False else 'spec refused:', end=' ')
try:
    print(f'{b:>20}')
except TypeError as e:
    print(e)
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (0).to_bytes(2, 'big'), (255).to_bytes(1, 'big'), (5).to_bytes())
print((-1).to_bytes(2, 'little', signed=True), (-129).to_bytes(2, 'big', signed=True), (2 ** 70).to_bytes(9, 'big'))
print(int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\x04\x00', 'little'), int.from_bytes(b'\xff', 'little', signed=True))
print(int.from_bytes([1, 0], 'big'), int.from_bytes(b'', 'big'), int.from_bytes(b'\x80\x00', byteorder='big', signed=True), int.from_bytes(b'\x01' * 10, 'big'))
for args in [(1, 'big'), (2, 'middle')]:
    try:
        print((1000).to_bytes(*args))
    except Exception as e:
        print(type(e).__name__ + ':', e)
try:
    (-1).to_bytes(2, 'big')
except OverflowError as e:
    print('OverflowError:', e)

# b % args (PEP 461).
print(b'%(k)s-%(n)d' % {b'k': b'v', b'n': 3})
print(b'%5s|%-4b|%.2s|%r|%a|%c%c|%05d|%x|%%|%.1f' % (b'ab', b'c', b'xyz', 'é', b'q', 65, b'B', 42, 255, 2.25))
print(bytearray(b'%s!') % b'x', b'%s' % bytearray(b'y'), b'%d items' % 3, ord(b'a'), ord(bytearray(b'z')))
for f in [lambda: b'%s' % 'x', lambda: b'%d %d' % 1, lambda: b'%d' % (1, 2), lambda: b'%c' % 256, lambda: b'%c' % 'a',
          lambda: b'%d' % 'x', lambda: b'%i' % 'x', lambda: b'%x' % 1.5, lambda: b'%f' % 'x', lambda: b'%z' % 1, lambda: ord(b'ab')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
