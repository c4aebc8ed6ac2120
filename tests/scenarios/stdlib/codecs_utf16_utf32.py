# UTF-16 and UTF-32: byte order marks as CPython writes and reads them, the byte orders,
# names as CPython normalises them, every error handler, and the errors' messages.
text = "hé€😀"
for enc in ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
            "UTF16", "utf_16", "U16", "utf_16le", "UnicodeBigUnmarked", "UTF-32BE", "utf32"]:
    data = text.encode(enc)
    print(enc, data, data.decode(enc) == text, "".encode(enc), len(bytes(text, enc)))

# The unmarked codecs read a BOM at the start only; the -le/-be ones keep it as U+FEFF.
print([hex(ord(c)) for c in b"\xff\xfe\xff\xfeh\x00".decode("utf-16")], repr(b"\xfe\xff\x00h".decode("utf-16")))
print([hex(ord(c)) for c in b"\xff\xfeh\x00".decode("utf-16-le")], repr(b"h\x00".decode("utf-16")))
print(repr(b"\x00\x00\xfe\xff\x00\x00\x00h".decode("utf-32")), repr(str(b"h\x00\x00\x00", "utf-32")))
print(bytearray("ab", "utf-16-be"), "ab".encode("utf-16", "xmlcharrefreplace"))

bad = [
    (b"a", "utf-16"),
    (b"a\x00b", "utf-16-le"),
    (b"\xfe\xff\x00a\x00", "utf-16"),
    (b"\x00\xd8a\x00", "utf-16-le"),
    (b"\x00\xdca\x00", "utf-16-le"),
    (b"\x00\xd8", "utf-16-le"),
    (b"\x00\xd8\x00", "utf-16-le"),
    (b"\x00\xd8\x00\xd8\x00\xdc", "utf-16-le"),
    (b"\xd8\x00\x00a", "utf-16-be"),
    (b"a\x00\x00", "utf-32-le"),
    (b"\x00\x00\x11\x00a\x00\x00\x00", "utf-32"),
    (b"\x00\xd8\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff\x00\x00\x00a\x00", "utf-32"),
    (b"\xff\xff\xff\xff", "utf-32-be"),
]
for data, enc in bad:
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        try:
            print(enc, data, errors, repr(data.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(enc, data, errors, "->", e)
            print("   ", e.args, e.encoding, e.object, e.start, e.end, e.reason)

for call in [lambda: b"a".decode("utf-16", "bogus"), lambda: b"ab".decode("utf-17")]:
    try:
        call()
    except LookupError as e:
        print(type(e).__name__, e)

# utf-8-sig: a BOM written first, skipped (once) when there; its errors are utf-8's.
print("hi".encode("utf-8-sig"), "".encode("UTF_8_SIG"), repr(b"\xef\xbb\xbfhi".decode("utf-8-sig")),
      repr(b"hi".decode("utf-8-sig")), [hex(ord(c)) for c in b"\xef\xbb\xbf\xef\xbb\xbfx".decode("utf-8-sig")])
for data in [b"\xef\xbb\xbf\xff", b"a\xff", b"\xef\xbb"]:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        print(e, e.args)
