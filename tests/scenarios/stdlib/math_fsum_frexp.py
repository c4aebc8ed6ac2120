import math
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum([1, 2, 3]))
print(math.fsum([1e308, 1e308, -1e308]) if False else math.fsum([0.3, 0.3, 0.3, -0.9]), math.fsum([2.0**53, 1.0, 2.0**-20]))
print(math.frexp(8.0), math.frexp(-0.1), math.frexp(0.0), math.frexp(5e-324), math.ldexp(0.5, 4), math.ldexp(1.0, -1074), math.ldexp(1.0, -1075))
print(sum([0.1] * 10), math.fsum([float('inf'), 1.0]))
