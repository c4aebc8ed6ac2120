import statistics as st
from fractions import Fraction
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(st.mean([1, 2, 3, 4, 4]), st.mean([1, 2, 3]), st.mean(data), st.mean([0.1, 0.2, 0.3]))
print(st.fmean([3.5, 4.0, 5.25]), st.fmean([85, 92, 83, 91], weights=[0.20, 0.20, 0.30, 0.30]))
print(st.median([1, 3, 5]), st.median([1, 3, 5, 7]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.median_grouped([52, 52, 53, 54]), st.mode([1, 1, 2, 3, 3, 3, 3, 4]), st.mode(["red", "blue", "blue", "red", "green", "red", "red"]))
print(st.multimode('aabbbbccddddeeffffgg'), st.multimode([]))
print(st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]), st.variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]))
print(st.variance([1, 2, 3, 4]), st.variance([1, 2, 3, 4, 5]), st.pvariance([1, 2, 3, 4]))
print(st.stdev([10, 12, 23, 23, 16, 23, 21, 16]), st.pstdev([10, 12, 23, 23, 16, 23, 21, 16]))
print([round(q, 1) for q in st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10)])
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=4), st.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=4, method='inclusive'))
print(st.harmonic_mean([40, 60]), st.harmonic_mean([40, 60], weights=[5, 30]), round(st.geometric_mean([54, 24, 36]), 9))
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]; y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
print(st.covariance(x, y), st.correlation(x, x), st.linear_regression(x, [2 * v + 1 for v in x]))
print(st.mean([Fraction(3, 7), Fraction(1, 21), Fraction(5, 3), Fraction(1, 3)]))
try:
    st.mean([])
except st.StatisticsError as e:
    print("StatisticsError:", e)
try:
    st.stdev([1])
except st.StatisticsError as e:
    print("StatisticsError:", e)
print(isinstance(st.StatisticsError(), ValueError))
latencies = [0.012, 0.015, 0.011, 0.020, 0.013, 0.016, 0.014]
print(f"mean={st.mean(latencies):.4f} median={st.median(latencies)} stdev={st.stdev(latencies):.5f}")
print(Fraction(3, 4) + Fraction(1, 4), Fraction('3.1415').limit_denominator(100), Fraction(1.5), Fraction(10, -8), repr(Fraction(1, 3) * 3))
print(Fraction(1, 3) < 0.5, Fraction(2, 4) == 0.5, float(Fraction(1, 3)), hash(Fraction(4, 2)) == hash(2), {Fraction(1, 2): 'half'}[Fraction(2, 4)])
print(Fraction(7, 2) // 2, Fraction(7, 2) % 2, Fraction(2, 3) ** 2, Fraction(2, 3) ** -2, 1 - Fraction(1, 3), 0.5 + Fraction(1, 4), int(Fraction(-7, 2)), round(Fraction(5, 2)))
