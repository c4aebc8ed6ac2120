print("compiled; this line must not run")
match v:
    case [x, x]:
        pass
