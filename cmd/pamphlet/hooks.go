//go:build !pamphlet_stall

package main

import "github.com/spf13/cobra"

// testCommands returns the commands only test builds have (see
// hooks_stall.go); a release binary has none.
func testCommands() []*cobra.Command { return nil }
