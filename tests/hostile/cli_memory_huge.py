# args: --max-memory-mb 18446744073709551615
# expect: exit 2, --max-memory-mb is more memory than this machine can address
print(1)
