print("compiled; this line must not run")
match v:
    case _:
        pass
    case 1:
        pass
