print("compiled; this line must not run")
print(1)
price€ = 5
