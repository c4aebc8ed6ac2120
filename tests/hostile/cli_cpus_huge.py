# args: --cpus 18446744073709551615
# expect: exit 2, --cpus takes a whole number from 1 to 1024
import multiprocessing
print(multiprocessing.cpu_count())
