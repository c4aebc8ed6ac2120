# Value('c') and Array('c', bytes) in shared memory: a child's stores through .value and
# .raw are seen by the parent; a Structure array's fields too.
from multiprocessing import Process, Value, Array
from ctypes import Structure, c_int, c_double


class Pair(Structure):
    _fields_ = [('n', c_int), ('x', c_double)]


def child(flag, text, pairs):
    flag.value = b'Y'
    text.value = text.value.upper()
    text[0] = b'J'
    for p in pairs:
        p.n += 1
        p.x *= 2


if __name__ == '__main__':
    flag = Value('c', b'N')
    text = Array('c', b'hello world')
    pairs = Array(Pair, [(1, 0.5), (2, 1.5)])
    print(flag.value, text.value, text.raw, len(text), text[:5], type(text).__name__)
    p = Process(target=child, args=(flag, text, pairs))
    p.start()
    p.join()
    print(flag.value, text.value, [(q.n, q.x) for q in pairs])
    text.value = b'bye'
    print(text.value, text.raw)
    text.raw = b'XY'
    print(text.value, text.raw)
    try:
        text.value = b'far too long for it'
    except ValueError as e:
        print('ValueError:', e)
    print(Value('c').value, Array('c', 3).raw)
