import asyncio


class ConfigError(Exception):
    pass


async def load(text):
    await asyncio.sleep(0.1)
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad setting {text!r}") from e


async def main():
    print(await load("42"))
    print(await load("forty-two"))


asyncio.run(main())
