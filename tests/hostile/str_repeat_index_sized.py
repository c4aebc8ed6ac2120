# expect: exit 1, OverflowError: cannot fit 'int' into an index-sized integer
'ab' * 2**63
