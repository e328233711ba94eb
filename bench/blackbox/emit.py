# The emitter of the black-box benchmark (issue 14): prints "T <µs since the Unix epoch> <n>" lines, n = 0, 1, ...,
# at <rate> lines a second for <seconds> seconds, each flushed on its own. Line n is due at start + n / rate
# (absolute deadlines, so a late line does not delay the ones after it); the stamp is CLOCK_REALTIME when it is
# written. Run as `python3 -u -c "$(cat emit.py)" <rate> <seconds>`, in the sandbox and through `docker exec`.
import sys, time

rate, seconds = int(sys.argv[1]), float(sys.argv[2])
out = sys.stdout
start = time.monotonic()
for n in range(int(rate * seconds)):
    late = time.monotonic() - (start + n / rate)
    if late < 0:
        time.sleep(-late)
    out.write("T %d %d\n" % (time.time_ns() // 1000, n))
    out.flush()
