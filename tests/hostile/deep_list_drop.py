# expect: exit 0, done
x = []
for _ in range(300000):
    x = [x]
del x
print('done')
