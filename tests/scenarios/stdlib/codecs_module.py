# The codecs module's everyday part: lookup() names, encode/decode with their errors,
# getencoder/getdecoder, and the byte order marks.
import codecs

for n in ['utf8', 'UTF-8-SIG', 'ascii', 'latin-1', 'utf16', 'utf_16_le', 'utf-16-be', 'u32', 'utf_32le', 'utf-32-be', 'L1']:
    info = codecs.lookup(n)
    print(n, info.name, repr(info).startswith('<codecs.CodecInfo object for encoding ' + info.name + ' at 0x'))
print(codecs.BOM_UTF8, codecs.BOM_UTF16, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32,
      codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM, codecs.BOM_LE, codecs.BOM_BE)
print(codecs.encode('hé', 'utf-16-le'), codecs.decode(b'h\x00', 'utf-16'), codecs.encode('x'), codecs.decode(b'x'))
print(codecs.decode(bytearray(b'ab'), 'ascii'), codecs.decode(memoryview(b'ab'), 'ascii'))
print(codecs.decode(b'\xff', 'utf-8', 'replace'), codecs.encode('\xe9', 'ascii', 'xmlcharrefreplace'))
print(codecs.lookup('utf-8').encode('hi'), codecs.lookup('utf-16').decode(b'\xff\xfeh\x00'))
print(codecs.getencoder('ascii')('x'), codecs.getdecoder('ascii')(b'x'))
encode, decode, reader, writer = codecs.lookup('latin-1')
print(encode('\xe9'), decode(b'\xe9'))
print(codecs.BOM_UTF8 + 'hi'.encode() == 'hi'.encode('utf-8-sig'), 'x'.encode('utf-16').startswith(codecs.BOM_UTF16))
for call in [lambda: codecs.lookup('nope'), lambda: codecs.encode(b'x', 'utf-8'), lambda: codecs.decode('x', 'utf-8'),
             lambda: codecs.encode(1, 'latin-1'), lambda: codecs.decode(b'\xff', 'utf-8'), lambda: codecs.encode('\xe9', 'ascii'),
             lambda: codecs.lookup(5)]:
    try:
        print(call())
    except (LookupError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
