import asyncio


class PaymentError(Exception):
    pass


async def charge(amount):
    await asyncio.sleep(0.5)
    if amount > 100:
        raise PaymentError(f"amount {amount} exceeds limit")
    print(f"charged {amount}")


async def main():
    await charge(50)
    await charge(500)


asyncio.run(main())
