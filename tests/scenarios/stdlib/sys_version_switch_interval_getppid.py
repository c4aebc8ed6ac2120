import sys, os, threading, time
print(sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.version_info.minor >= 11, len(sys.version_info))
print(sys.maxsize == 2**63 - 1, sys.byteorder, sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
for bad in [0, -1, "x"]:
    try:
        sys.setswitchinterval(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
major, minor, *_ = sys.version_info
print(major, tuple(sys.version_info)[:3][:1])
print(type(os.getppid()).__name__, os.getpid() != os.getppid())
