# expect: exit 1, OverflowError: repeated string is too long
'ab' * 2**62
