# expect: exit 0, a    1|z
print('{}{:>{}}|{}'.format('a', 1, 5, 'z'))
