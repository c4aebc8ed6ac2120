"""codecs: the everyday part of CPython 3.11's Lib/codecs.py over the codecs `str.encode`
and `bytes.decode` know (builtins/bytes.rs: utf-8, utf-8-sig, ascii, latin-1, utf-16 and
utf-32 with their byte orders): lookup() and CodecInfo, encode() and decode() with
CPython's messages for a wrong type, getencoder()/getdecoder(), and the BOM constants
(little-endian, as on the machines CPython mostly runs on). Not here: incremental and
stream codecs, codecs.open, register/register_error.
"""

BOM_UTF8 = b'\xef\xbb\xbf'
BOM_LE = BOM_UTF16_LE = b'\xff\xfe'
BOM_BE = BOM_UTF16_BE = b'\xfe\xff'
BOM_UTF32_LE = b'\xff\xfe\x00\x00'
BOM_UTF32_BE = b'\x00\x00\xfe\xff'
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE
BOM32_LE = BOM_UTF16_LE
BOM32_BE = BOM_UTF16_BE
BOM64_LE = BOM_UTF32_LE
BOM64_BE = BOM_UTF32_BE

# The function of CPython's _codecs module each codec's encoder calls (its TypeError names it).
_ENCODER_NAMES = {'iso8859-1': 'latin_1', 'utf-8-sig': 'utf_8'}


class CodecInfo:
    """What lookup() returns: the codec's name and its stateless encode and decode, which
    return (output, length consumed). (A 4-tuple in CPython: unpacking gives encode,
    decode and the two stream classes, here None: Interleave has no stream codecs.)"""

    def __init__(self, encode, decode, streamreader=None, streamwriter=None, incrementalencoder=None,
                 incrementaldecoder=None, name=None):
        self.name = name
        self.encode = encode
        self.decode = decode
        self.streamreader = streamreader
        self.streamwriter = streamwriter
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder

    def __getitem__(self, i):
        return (self.encode, self.decode, self.streamreader, self.streamwriter)[i]

    def __len__(self):
        return 4

    def __iter__(self):
        return iter((self.encode, self.decode, self.streamreader, self.streamwriter))

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (self.__class__.__module__, self.__class__.__qualname__,
                                                           self.name, id(self))


def _check_str(name, input):
    if not isinstance(input, str):
        func = _ENCODER_NAMES.get(name, name.replace('-', '_'))
        raise TypeError("%s_encode() argument 1 must be str, not %s" % (func, type(input).__name__))


def lookup(encoding):
    name = _codec_name(encoding)

    def encode(input, errors='strict'):
        _check_str(name, input)
        return input.encode(name, errors), len(input)

    def decode(input, errors='strict'):
        if not isinstance(input, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(input).__name__)
        return str(input, name, errors), len(memoryview(input))

    return CodecInfo(encode, decode, name=name)


def _convert(what, obj, encoding, errors):
    # codecs.encode/decode: the codec's function, its TypeError wrapped with the codec's
    # name, as _PyErr_TrySetFromCause does.
    info = lookup(encoding)
    try:
        return (info.encode if what == "encoding" else info.decode)(obj, errors)[0]
    except TypeError as exc:
        raise TypeError("%s with %r codec failed (%s: %s)" % (what, encoding, type(exc).__name__, exc)) from None


def encode(obj, encoding='utf-8', errors='strict'):
    return _convert("encoding", obj, encoding, errors)


def decode(obj, encoding='utf-8', errors='strict'):
    return _convert("decoding", obj, encoding, errors)


def getencoder(encoding):
    return lookup(encoding).encode


def getdecoder(encoding):
    return lookup(encoding).decode
