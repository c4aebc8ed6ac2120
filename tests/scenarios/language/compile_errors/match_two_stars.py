print("compiled; this line must not run")
match v:
    case [x, *y, *z]:
        pass
