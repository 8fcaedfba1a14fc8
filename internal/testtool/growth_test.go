package testtool

import "testing"

// TestGrowth checks that Growth tells a linear loop from a quadratic one.
func TestGrowth(t *testing.T) {
	sink := 0
	linear := Growth(200000, func(n int) {
		for i := range n * 50 {
			sink += i
		}
	})
	quadratic := Growth(3000, func(n int) {
		for i := range n {
			for j := range n {
				sink += i ^ j
			}
		}
	})
	t.Logf("linear %.1f, quadratic %.1f", linear, quadratic)
	if linear > 8 {
		t.Errorf("a linear loop grew %.1f times for 4 times the work", linear)
	}
	if quadratic < 8 {
		t.Errorf("a quadratic loop grew only %.1f times for 4 times the size", quadratic)
	}
	_ = sink
}
