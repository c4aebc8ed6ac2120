# str.encode and bytes.decode: utf-8 (the default), ascii, latin-1, error handlers.
print('héllo'.encode(), 'abc'.encode('ascii'), 'é€'.encode('utf-8'), 'é'.encode('latin-1'), 'x'.encode(encoding='UTF8'))
print(b'h\xc3\xa9'.decode(), b'\xe9'.decode('latin-1'), b'abc'.decode('ascii'), bytearray(b'ok').decode(), b'\xe2\x82\xac'.decode('utf_8'))
print('é€x'.encode('ascii', 'ignore'), 'é€x'.encode('ascii', 'replace'), 'é€😀'.encode('ascii', 'backslashreplace'), 'é'.encode('ascii', errors='xmlcharrefreplace'))
print(b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('utf-8', 'ignore'), b'a\xffb'.decode('ascii', 'backslashreplace'), b'\xe4\xbd'.decode(errors='replace'))
print(str(b'abc', 'ascii'), str(b'\xc3\xa9', encoding='utf-8'), str(b'\xff', 'utf-8', 'replace'))
for text in ['日本', 'naïve']:
    data = text.encode()
    print(len(text), len(data), data, data.decode() == text)


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)


attempt(lambda: b'\xff'.decode())
attempt(lambda: b'ab\x80'.decode('ascii'))
attempt(lambda: b'\xe4\xbd'.decode('utf-8'))
attempt(lambda: b'\xe4\x41'.decode())
attempt(lambda: b'\xe4\xbd\x41'.decode())
attempt(lambda: b'\xc0\x80'.decode())
attempt(lambda: b'\xed\xa0\x80'.decode())
attempt(lambda: 'é'.encode('ascii'))
attempt(lambda: 'aé€'.encode('ascii'))
attempt(lambda: '€'.encode('latin-1'))
attempt(lambda: '😀'.encode('latin-1'))
attempt(lambda: b'a'.decode('nope'))
attempt(lambda: 'a'.encode('nope'))
attempt(lambda: 'é'.encode('ascii', 'bogus'))
attempt(lambda: 'a'.encode(5))
attempt(lambda: str('x', 'utf-8'))
try:
    b'x\xff'.decode()
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason, isinstance(e, UnicodeError), isinstance(e, ValueError))
try:
    'aé'.encode('ascii')
except UnicodeEncodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
