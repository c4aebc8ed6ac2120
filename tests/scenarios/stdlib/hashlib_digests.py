# hashlib: md5, sha1, the sha2 family and new(name); update, digest, hexdigest, copy.
import hashlib

for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    h = getattr(hashlib, name)(b'The quick brown fox')
    print(h.name, h.digest_size, h.block_size, h.hexdigest())

h = hashlib.sha256()
h.update(b'hello ')
h.update(bytearray(b'world'))
print(h.hexdigest() == hashlib.sha256(b'hello world').hexdigest(), h.digest()[:4], len(h.digest()))
c = h.copy()
c.update(b'!')
print(h.hexdigest()[:16], c.hexdigest()[:16], h.hexdigest() == hashlib.sha256(b'hello world').hexdigest())
print(hashlib.new('SHA1', b'abc').hexdigest(), hashlib.new('md5').hexdigest(), hashlib.new(name='sha256', data=b'x').hexdigest()[:12])
print(hashlib.md5('naïve'.encode()).hexdigest(), hashlib.sha1(string=b'x').hexdigest())
print(type(h).__name__, repr(h).startswith('<sha256 _hashlib.HASH object @ 0x'), 'md5' in hashlib.algorithms_guaranteed)
digest = hashlib.md5(b'').digest()
print(digest.hex(), int.from_bytes(digest[:4], 'big'))

# Hashing a file's chunks as a program would.
data = b''.join(bytes([i % 256]) * 100 for i in range(300))
whole = hashlib.sha1(data).hexdigest()
piecewise = hashlib.sha1()
for i in range(0, len(data), 4096):
    piecewise.update(data[i:i + 4096])
print(len(data), whole == piecewise.hexdigest(), whole)


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)


attempt(lambda: hashlib.md5('text'))
attempt(lambda: hashlib.sha256().update('text'))
attempt(lambda: hashlib.sha256().update(5))
attempt(lambda: hashlib.new('nope'))
attempt(lambda: hashlib.new(5))
attempt(lambda: hashlib.sha1(data=b'x'))
attempt(lambda: hashlib.sha1().update())
