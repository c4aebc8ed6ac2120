print("compiled; this line must not run")
match v:
    case x:
        pass
    case 1:
        pass
