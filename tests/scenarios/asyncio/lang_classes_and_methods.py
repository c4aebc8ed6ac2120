class Account:
    bank = "Interleave Bank"

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

    def __str__(self):
        return f"{self.owner}: {self.balance}"


class Savings(Account):
    def __init__(self, owner, rate):
        super().__init__(owner)
        self.rate = rate

    def add_interest(self):
        return self.deposit(round(self.balance * self.rate, 2))


a = Account("ann", 10).deposit(5).withdraw(3)
print(a, repr(a), a.history, Account.bank, a.bank)
s = Savings("sam", 0.05)
s.deposit(200).add_interest()
print(s, s.history, isinstance(s, Account), type(s).__name__)
try:
    s.withdraw(1000)
except ValueError as e:
    print("error:", e)
accounts = [a, s, Account("bob", 7)]
print(sorted(accounts, key=lambda acc: acc.balance))
print([str(x) for x in accounts], sum(x.balance for x in accounts))
