package testtool

import (
	"runtime"
	"runtime/debug"
	"time"
)

// Growth runs work at size n and at size 4n, each three times, and
// returns how many times longer the larger size took. A linear
// algorithm gives about 4, n log n a little more, a quadratic one 16.
// Tests of complexity compare this ratio rather than a wall-clock
// limit, which a loaded machine can exceed many times over.
//
// Growth counts the CPU time of the calling thread where the system
// reports it (Linux), so that time other processes take is not counted;
// the collector is off while work runs, so that neither size pays for
// the other's garbage; and it keeps the fastest of three runs, which
// drops most of what cache misses after a switch add.
func Growth(n int, work func(n int)) float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	small := fastest(func() { work(n) })
	large := fastest(func() { work(4 * n) })
	if small <= 0 {
		small = time.Nanosecond
	}
	return float64(large) / float64(small)
}

// fastest times f three times and returns the shortest run.
func fastest(f func()) time.Duration {
	best := time.Duration(-1)
	for range 3 {
		runtime.GC()
		start := threadTime()
		f()
		if d := threadTime() - start; best < 0 || d < best {
			best = d
		}
	}
	return best
}

// CPUTime runs work once and returns the CPU time it took on the calling
// thread (the wall clock off Linux). A limit on it holds on a loaded
// machine, where the wall clock counts the time other processes had the
// CPU; work that starts goroutines is not counted whole.
func CPUTime(work func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadTime()
	work()
	return threadTime() - start
}
