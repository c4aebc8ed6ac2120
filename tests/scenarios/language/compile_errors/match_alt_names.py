print("compiled; this line must not run")
match v:
    case [a] | (1 | x):
        pass
