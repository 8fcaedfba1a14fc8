package manifest

import (
	"bytes"
	"os"
	"testing"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// BenchmarkParse parses the sample book's manifest, whole and in its two
// readings: the yaml.Node parse that checks shape and positions, and the
// viper read of the values (see the package doc for why there are two).
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../book.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var dl diag.List
			if Parse("book.yaml", src, nil, &dl) == nil {
				b.Fatal(dl.Items())
			}
		}
	})
	b.Run("yaml.Node", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var n yaml.Node
			if err := yaml.Unmarshal(src, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("viper", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := viper.New()
			v.SetConfigType("yaml")
			if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
