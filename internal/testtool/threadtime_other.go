//go:build !linux

package testtool

import "time"

// threadTime is the wall clock where the thread's CPU time is not
// available.
func threadTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
