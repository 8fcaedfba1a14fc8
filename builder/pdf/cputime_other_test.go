//go:build !unix

package pdf

// cpuTime is 0 where the process's CPU time is not at hand: the
// benchmark's cpu-ns/op then reads 0.
func cpuTime() int64 { return 0 }
