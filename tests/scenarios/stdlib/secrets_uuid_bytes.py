# secrets.token_bytes and uuid's bytes: tokens are checked by their shape (CPython draws
# them from the OS); UUIDs from and to bytes are exact.
import secrets
import uuid

t = secrets.token_bytes(16)
print(type(t).__name__, len(t), len(secrets.token_bytes()), secrets.token_bytes(0))
print(len(secrets.token_hex(8)), all(c in '0123456789abcdef' for c in secrets.token_hex()))
print(secrets.compare_digest(b'abc', b'abc'), secrets.compare_digest(b'abc', bytearray(b'abd')), secrets.compare_digest('x', 'x'))
try:
    secrets.compare_digest(b'a', 'a')
except TypeError as e:
    print('TypeError:', e)

u = uuid.UUID('12345678-1234-5678-1234-567812345678')
print(u.bytes, u.bytes_le)
print(uuid.UUID(bytes=u.bytes) == u, uuid.UUID(bytes_le=u.bytes_le) == u)
print(uuid.UUID(bytes=b'\x00' * 16), uuid.UUID(bytes=bytes(range(16)), version=4))
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/ünïcode'))
print(len(uuid.uuid4().bytes), uuid.uuid4().bytes != uuid.uuid4().bytes)
try:
    uuid.UUID(bytes=b'short')
except ValueError as e:
    print('ValueError:', e)
