print('a b  c '.rsplit(), 'a,b,c'.rsplit(',', 1), ' a b c'.rsplit(None, 1), 'abc'.rsplit('x'), 'a,b'.rsplit(sep=',', maxsplit=0))
print('a.b.c'.rpartition('.'), 'abc'.rpartition('.'), 'TestX'.removeprefix('Test'), 'x.py'.removesuffix('.py'), 'ab'.removesuffix(''))
print('abc'.isidentifier(), '1a'.isidentifier(), '_x1'.isidentifier(), ''.isidentifier(), 'a b'.isidentifier())
print('ab\n'.isprintable(), 'ab c'.isprintable(), ''.isprintable(), 'Hello World'.istitle(), 'Hello world'.istitle(), 'ABC'.istitle(), '123'.istitle())
print('Straße'.casefold(), 'HeLLo'.swapcase(), 'a\tb\tc'.expandtabs(), 'a\tbc\t'.expandtabs(4), 'ab\n\tc'.expandtabs(2))
print('{a}-{b}'.format_map({'a': 1, 'b': 2}), 'abc'.translate({97: 'X', 98: None, 99: 100}))
for f in [lambda: 'a'.rsplit(''), lambda: 'a'.rpartition(''), lambda: 'a'.removeprefix(1), lambda: 'a'.translate({97: 1.5})]:
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
