# An uncaught exception's last traceback line is str(exc): a class's own __str__ shows.
class Custom(Exception):
    def __str__(self):
        return "custom message for %r" % (self.args,)


try:
    raise Custom(1, 2)
except Custom as e:
    print(str(e))
raise Custom("x")
