# expect: exit 1, ValueError: precision too big
f'{1.5:.{2**62}f}'
