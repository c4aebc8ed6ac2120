print("compiled; this line must not run")
x = 1
global x
