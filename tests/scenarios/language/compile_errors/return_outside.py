print("compiled; this line must not run")
print(1)
return 5
