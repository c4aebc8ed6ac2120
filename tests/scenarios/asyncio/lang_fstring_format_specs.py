values = [2.675, 0.125, 0.375, 1.005, 2.5, 3.5, -0.5, 1e-7, 123456.789]
for v in values:
    print(f"{v} -> {v:.2f} | {v:.1f} | {v:.0f} | {v:10.3f}|")
print(round(2.5), round(3.5), round(-1.5), round(0.5), round(2.675, 2), round(1234, -2))
n = 1234567.891
print(f"{n:,.2f} {n:.3e} {n:e} {0.25:.1%} {7:5d}| {7:<5d}| {7:^5d}| {7:05d}")
print(f"{'left':<8}|{'right':>8}|{'mid':^9}|{'pad':*^9}|")
print(f"{255:x} {255:X} {255:b} {255:o} {255:#x} {-42:+d} {42:+d}")
name, score = "Ada", 97.5
print(f"{name!r} scored {score:.1f}% and {score / 3:.4f}")
print(f"{3.0} {1/3} {2/3} {10/4} {1e16} {1e-5} {123456789.0 * 1000}")
print("{} + {} = {}".format(1, 2, 1 + 2), "{:.3f}".format(3.14159), "%d items at %.2f" % (3, 9.5))
width = 6
print(f"[{42:{width}}] [{3.14159:{width}.{2}f}]")
