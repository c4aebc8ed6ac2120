# expect: exit 0, 3
print(len(f'{1.5:.70000g}'), len(f'{1.5:.70000}'), len('%.70000g' % 1.5))
