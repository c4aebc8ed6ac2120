print("compiled; this line must not run")
for __debug__ in []: pass
