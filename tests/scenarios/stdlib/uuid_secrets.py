# uuid and secrets: name-based UUIDs are exact; random ones are checked by their shape
# (CPython draws them from the OS, so only their form can be compared).
import secrets
import string
import uuid

u = uuid.UUID('12345678-1234-5678-1234-567812345678')
print(u, repr(u))
print(u.hex, u.int, u.urn)
print(u.fields, u.version, u.variant)
print(u.time_low, u.time_mid, u.node, u.clock_seq, u.time)
same = [uuid.UUID('{12345678-1234-5678-1234-567812345678}'),
        uuid.UUID('urn:uuid:12345678-1234-5678-1234-567812345678'),
        uuid.UUID('12345678123456781234567812345678'),
        uuid.UUID(int=0x12345678123456781234567812345678),
        uuid.UUID(fields=(0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678))]
print(all(x == u for x in same), len({hash(x) for x in same}), str(u) == str(same[-1]))
print(uuid.UUID(int=1) < uuid.UUID(int=2), sorted([uuid.UUID(int=9), uuid.UUID(int=3)]))
print(int(u) == u.int, uuid.UUID(int=5, version=4))
try:
    uuid.UUID('not-a-uuid')
except ValueError as e:
    print("ValueError:", e)
try:
    u.int = 3
except TypeError as e:
    print("TypeError:", e)

# Name-based: the same namespace and name give the same UUID everywhere.
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/ünïcode'))
print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)



def is_uuid4_text(s):
    parts = s.split('-')
    return ([len(p) for p in parts] == [8, 4, 4, 4, 12] and set(s) <= set('0123456789abcdef-')
            and parts[2][0] == '4' and parts[3][0] in '89ab')


ids = [uuid.uuid4() for _ in range(50)]
print(all(is_uuid4_text(str(i)) for i in ids), all(i.version == 4 for i in ids))
print(len(set(ids)), {i.variant for i in ids})
one = uuid.uuid1()
print(one.version, one.variant, 0 <= one.node < 2 ** 48, one.node == uuid.getnode())
a, b = uuid.uuid1(), uuid.uuid1()
print(a != b, b.time > a.time or b.clock_seq != a.clock_seq)

# secrets: tokens of the asked size, from the right alphabet.
t = secrets.token_hex(16)
print(len(t), set(t) <= set(string.hexdigits.lower()), len(secrets.token_hex()))
url = secrets.token_urlsafe(16)
print(len(url), set(url) <= set(string.ascii_letters + string.digits + '-_'), len(secrets.token_urlsafe()))
print(len(secrets.token_urlsafe(1)), len(secrets.token_urlsafe(2)), len(secrets.token_urlsafe(3)))
draws = [secrets.randbelow(10) for _ in range(200)]
print(min(draws) >= 0, max(draws) < 10, len(set(draws)) > 5)
print(secrets.choice('abc') in 'abc', 0 <= secrets.randbits(8) < 256)
try:
    secrets.randbelow(0)
except ValueError as e:
    print("ValueError:", e)
try:
    secrets.choice([])
except IndexError as e:
    print("IndexError:", e)
print(secrets.compare_digest('abc', 'abc'), secrets.compare_digest('abc', 'abd'))
sr = secrets.SystemRandom()
x = sr.random()
print(0 <= x < 1, 1 <= sr.randint(1, 6) <= 6)
deck = list(range(10))
sr.shuffle(deck)
print(sorted(deck) == list(range(10)), len(sr.sample(deck, 3)))

# Alphabet-based passwords, the docs' recipe.
alphabet = string.ascii_letters + string.digits
password = ''.join(secrets.choice(alphabet) for i in range(8))
print(len(password), all(c in alphabet for c in password))

# Drawing UUIDs and tokens leaves random's seeded sequence alone, as in CPython.
import random
random.seed(7)
expected = [random.random() for _ in range(3)]
random.seed(7)
got = []
for _ in range(3):
    uuid.uuid4(), secrets.token_hex(4)
    got.append(random.random())
print(got == expected)
