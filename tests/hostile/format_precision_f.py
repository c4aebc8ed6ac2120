# expect: exit 0, 70002
print(len(f"{1.5:.70000f}"))
