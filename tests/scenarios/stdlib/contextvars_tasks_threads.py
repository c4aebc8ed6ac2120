# contextvars: a task runs in a copy of the context it was created in, create_task(context=)
# picks one, to_thread copies the caller's, a new thread starts empty; Token and reset.
import asyncio, contextvars, threading

var = contextvars.ContextVar("var", default="default")
plain = contextvars.ContextVar("plain")
print(var.name, var.get(), plain.get("fallback"))
try:
    plain.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__)

tok = var.set("main")
print(var.get(), tok.var is var, tok.old_value is contextvars.Token.MISSING)
var.reset(tok)
print(var.get())
try:
    var.reset(tok)
except RuntimeError as e:
    print("RuntimeError", "has already been used once" in str(e))

ctx = contextvars.copy_context()
def in_ctx(v):
    var.set(v)
    return var.get()
print(ctx.run(in_ctx, "inside"), var.get(), ctx[var], var in ctx, len(ctx))
try:
    ctx.run(ctx.run, print, "nested")
except RuntimeError as e:
    print("RuntimeError", "already entered" in str(e))

async def child(n):
    print("child sees", var.get())
    var.set(f"child-{n}")
    await asyncio.sleep(0.01 * n)
    return var.get()

def in_thread():
    return var.get()

async def main():
    var.set("main-task")
    results = await asyncio.gather(child(1), child(2))
    print(results, var.get())
    print("to_thread:", await asyncio.to_thread(in_thread))
    t = threading.Thread(target=lambda: print("new thread:", var.get()))
    t.start(); t.join()
    c = contextvars.Context()
    t2 = asyncio.create_task(child(3), context=c)
    print(await t2, c[var], var.get())

asyncio.run(main())
print("after run:", var.get())
