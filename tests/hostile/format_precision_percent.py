# expect: exit 0, 70005
print(len(f'{1.5:.70000%}'))
