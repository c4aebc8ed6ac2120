# expect: exit 0, 70006
print(len('%.70000e' % 1.5))
