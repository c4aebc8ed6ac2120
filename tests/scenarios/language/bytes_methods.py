# The common methods of bytes and bytearray (results keep the receiver's type).
print(b'Hello'.upper(), b'Hello'.lower(), b'hELLO'.swapcase(), b'hello world'.capitalize())
print(b'  x  '.strip(), b'  x  '.lstrip(), b'  x  '.rstrip(), b'xxaxx'.strip(b'x'), bytearray(b' y ').strip())
print(b'a,b,,c'.split(b','), b' a  b \n'.split(), b'a,b,c'.split(b',', 1), b'a,b,c'.rsplit(b',', 1), b''.split(), b'a b c'.split(maxsplit=1))
print(b'-'.join([b'a', b'b', bytearray(b'c')]), b''.join([]), bytearray(b', ').join([b'x', b'y']))
print(b'abc'.startswith(b'ab'), b'abc'.startswith(b'b', 1), b'abc'.endswith((b'x', b'c')), b'abc'.endswith(b'b', 0, 2))
print(b'abcabc'.find(b'c'), b'abcabc'.rfind(b'c'), b'abc'.find(b'z'), b'abc'.find(99), b'abcabc'.find(b'a', 1), b'abc'.index(b'b'), b'abcb'.rindex(b'b'))
print(b'aaa'.count(b'a'), b'aaaa'.count(b'aa'), b'abc'.count(b''), b'abca'.count(97))
print(b'aXaX'.replace(b'X', b'--'), b'aXaX'.replace(b'X', b'', 1), b'ab'.replace(b'', b'.'))
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='), b'abc'.partition(b'='))
print(b'123'.isdigit(), b'abc'.isalpha(), b'a1'.isalnum(), b' \t'.isspace(), b'abc'.islower(), b'ABC'.isupper(), b'\x80'.isascii(), b''.isdigit())
print(b'\x01\xff'.hex(), b''.hex(), b'\x01\x02\x03'.hex(':'), b'\x01\x02\x03'.hex(':', 2), b'\x01\x02\x03'.hex('-', -2), bytearray(b'\xab').hex())
print(bytes.fromhex('01 ff'), bytes.fromhex(''), bytearray.fromhex('0a 0B'), b''.fromhex('41'))
print(bytes.upper(b'a'), bytearray.lower(bytearray(b'A')))
ba = bytearray(b'abc')
ba.append(100)
ba.extend(b'ef')
ba.extend([103, 104])
ba[0] = 65
ba[1:3] = b'ZZZ'
del ba[-1]
print(ba, len(ba))
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 33)
ba.remove(90)
print(ba)
ba.reverse()
c = ba.copy()
ba.clear()
print(ba, c, c is ba)
ba = bytearray(b'abcdef')
ba[::2] = b'XYZ'
del ba[1:3]
ba[0:0] = [48, 49]
print(ba)
print(b'  a b  '.split(None, 0), b'  a b  '.rsplit(None, 0), b'a b c  '.split(None, 1), b'  a b c'.rsplit(None, 1), b'a,b,c'.rsplit(b','))
big = bytearray(range(256)) * 4
print(sum(big[i] for i in range(len(big))), big.pop(), len(big), big[-1])
print(b'ab'.ljust(5, b'*'), b'ab'.rjust(5), b'ab'.center(6, b'-'), b'ab'.center(5, b'-'), b'-5'.zfill(4), b'+5'.zfill(4), b'5'.zfill(3), b'abc'.zfill(2))
print(b'a\nb\r\nc\rd'.splitlines(), b'a\nb\n'.splitlines(True), b'hello wORLD 2x'.title(), b'Hello World'.istitle(), b'hello'.istitle())
t = bytes.maketrans(b'ab', b'xy')
print(len(t), t[97], b'abc'.translate(t), b'abc'.translate(None, b'b'), bytearray(b'abc').translate(t, b'c'))
for f in [lambda: b'a'.ljust(3, b'**'), lambda: b'a'.ljust(3, '*'), lambda: bytes.maketrans(b'a', b'bc'), lambda: b'a'.translate(b'x'), lambda: b'a'.center('x')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
