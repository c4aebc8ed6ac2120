print("compiled; this line must not run")
import asyncio
await asyncio.sleep(0)
