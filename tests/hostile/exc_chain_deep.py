# expect: exit 0, ok
e = None
for i in range(300000):
    try:
        raise ValueError(i) from e
    except ValueError as x:
        e = x
print('ok')
