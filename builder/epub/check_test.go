package epub

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// epubcheckJar finds EPUBCheck's jar, skipping the test when java or the
// jar is missing, unless CI is set, when that is a failure.
func epubcheckJar(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing and CI is set", what)
		}
		t.Skipf("%s is missing (set CI=true to make this a failure)", what)
	}
	if _, err := exec.LookPath("java"); err != nil {
		missing("java")
	}
	jar := ""
	if out, err := exec.Command("dpkg", "-L", "epubcheck").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasSuffix(line, "epubcheck.jar") {
				jar = line
			}
		}
	}
	if jar == "" {
		if _, err := os.Stat("/usr/share/java/epubcheck.jar"); err == nil {
			jar = "/usr/share/java/epubcheck.jar"
		}
	}
	if jar == "" {
		missing("epubcheck.jar (Debian package epubcheck)")
	}
	return jar
}

// messagesRE matches EPUBCheck's summary, which says "1 error" but
// "2 errors".
var messagesRE = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

func TestMessagesRE(t *testing.T) {
	for out, clean := range map[string]bool{
		"Messages: 0 fatals / 0 errors / 0 warnings / 0 infos": true,
		"Messages: 0 fatals / 1 error / 0 warnings / 0 infos":  false,
		"Messages: 1 fatal / 0 errors / 1 warning / 0 infos":   false,
	} {
		m := messagesRE.FindStringSubmatch(out)
		if m == nil {
			t.Errorf("%q: no match", out)
			continue
		}
		if got := m[1] == "0" && m[2] == "0" && m[3] == "0"; got != clean {
			t.Errorf("%q: clean = %v", out, got)
		}
	}
}

// epubcheck runs EPUBCheck on path and fails unless it reports no fatal
// error, no error and no warning.
func epubcheck(t *testing.T, jar, path string) {
	t.Helper()
	// The client VM flags halve the start-up time of this short run.
	cmd := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, path)
	out, err := cmd.CombinedOutput()
	m := messagesRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("epubcheck %s: no summary line (%v):\n%s", path, err, out)
	}
	if string(m[1]) != "0" || string(m[2]) != "0" || string(m[3]) != "0" {
		t.Errorf("epubcheck %s: %s\n%s", path, m[0], out)
	}
}

func TestEpubcheck(t *testing.T) {
	jar := epubcheckJar(t)
	dir := t.TempDir()
	small, pages := smallBook()
	// The every-construct book in German: its navigation, notes and
	// colophon speak German while its article is en-GB. (Each book costs
	// a JVM start of several seconds, so the cases are few and large.)
	every := everyBook()
	every.Meta.Lang = "de"
	every.Articles[3].Meta.Lang = "fr"
	corpus, corpusPages := corpusBook(t)
	nested, nestedPages := nestedBook()
	books := []struct {
		name  string
		b     *doc.Book
		pages []doc.PageStart
	}{
		{"small", small, pages},
		{"every-de", every, pages[:3]},
		{"corpus", corpus, corpusPages},
		{"nested", nested, nestedPages},
	}
	for _, bk := range books {
		if testing.Short() && bk.name != "small" {
			continue
		}
		data, diags := writeBook(t, bk.b, Options{PageStarts: bk.pages})
		if bk.name == "corpus" || bk.name == "small" {
			for _, d := range diags.Items() {
				if d.Code != CodeNoteMissing {
					t.Errorf("%s: unexpected diagnostic %s %s", bk.name, d.Code, d)
				}
			}
		}
		path := filepath.Join(dir, bk.name+".epub")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(bk.name, func(t *testing.T) {
			t.Parallel()
			epubcheck(t, jar, path)
		})
	}
}

// corpusBook turns the real books of ../shared/corpus into one doc.Book
// with a deliberately crude Markdown reading (front matter, headings,
// paragraphs, *emphasis*, footnotes), so the EPUB is checked on real
// typography and real volume without the markdown package. Page starts
// fall every 350 words, inside paragraphs.
func corpusBook(t testing.TB) (*doc.Book, []doc.PageStart) {
	dirs := testtool.SharedGlob(t, "../../../shared/corpus/*/book.yaml")
	sort.Strings(dirs)
	b := &doc.Book{Meta: doc.Meta{Title: "The Corpus", Authors: []string{"Various"}, Lang: "en-US"}}
	var pages []doc.PageStart
	words, page := 0, 1
	for _, y := range dirs {
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(y), "*.md"))
		sort.Strings(files)
		for _, f := range files {
			a := crudeArticle(t, f)
			a.ID = filepath.Base(filepath.Dir(f)) + "-" + strings.TrimSuffix(filepath.Base(f), ".md")
			for bi, blk := range a.Blocks {
				p, ok := blk.(*doc.Para)
				if !ok {
					continue
				}
				text := doc.PlainText(p.Inlines)
				n := len(strings.Fields(text))
				if words+n >= 350 {
					off := utf8.RuneCountInString(text) / 2
					pages = append(pages, doc.PageStart{Label: fmt.Sprint(page), Article: len(b.Articles), Block: bi, Offset: off})
					page++
					words = 0
				}
				words += n
			}
			b.Articles = append(b.Articles, a)
		}
	}
	return b, pages
}

var (
	noteDefRE = regexp.MustCompile(`^\[\^([^\]]+)\]:\s*(.*)$`)
	inlineRE  = regexp.MustCompile(`\[\^([^\]]+)\]|\*([^*]+)\*`)
)

func crudeArticle(t testing.TB, path string) *doc.Article {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := &doc.Article{Path: path}
	notes := map[string]*doc.Note{}
	var defs []string
	var cur []string
	lineNo, inFront := 0, false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := strings.Join(cur, " ")
		cur = nil
		if m := noteDefRE.FindStringSubmatch(text); m != nil {
			notes[m[1]] = &doc.Note{Label: m[1], Blocks: []doc.Block{para(crudeInlines(m[2], nil)...)}}
			defs = append(defs, m[1])
			return
		}
		if strings.HasPrefix(text, "#") {
			level := len(text) - len(strings.TrimLeft(text, "#"))
			title := strings.TrimSpace(text[level:])
			a.Blocks = append(a.Blocks, &doc.Heading{Level: level, ID: strings.ToLower(strings.Join(strings.Fields(title), "-")), Inlines: []doc.Inline{txt(title)}})
			return
		}
		if strings.HasPrefix(text, "|") || strings.HasPrefix(text, "<") {
			return // tables and raw HTML: beyond this crude reader
		}
		a.Blocks = append(a.Blocks, &doc.Para{Inlines: crudeInlines(text, nil), At: doc.Pos{File: path, Line: lineNo}})
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if lineNo == 1 && line == "---" {
			inFront = true
			continue
		}
		if inFront {
			if line == "---" {
				inFront = false
			} else if v, ok := strings.CutPrefix(line, "title:"); ok {
				a.Meta.Title = strings.Trim(strings.TrimSpace(v), `"`)
			} else if v, ok := strings.CutPrefix(line, "author:"); ok {
				a.Meta.Authors = []string{strings.Trim(strings.TrimSpace(v), `"`)}
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimSpace(line))
	}
	flush()
	// Number the notes in order of first reference, as the transform
	// stage does.
	n := 0
	numbers := map[string]int{}
	number := func(nd doc.Node) bool {
		if ref, ok := nd.(*doc.NoteRef); ok {
			if notes[ref.Label] == nil {
				return true
			}
			if numbers[ref.Label] == 0 {
				n++
				numbers[ref.Label] = n
				notes[ref.Label].N = n
				a.Notes = append(a.Notes, notes[ref.Label])
			}
			ref.N = numbers[ref.Label]
		}
		return true
	}
	doc.InspectBlocks(a.Blocks, number)
	for i := 0; i < len(a.Notes); i++ {
		doc.Inspect(a.Notes[i], number)
	}
	return a
}

func crudeInlines(s string, out []doc.Inline) []doc.Inline {
	last := 0
	for _, m := range inlineRE.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, txt(s[last:m[0]]))
		}
		if m[2] >= 0 {
			out = append(out, &doc.NoteRef{Label: s[m[2]:m[3]]})
		} else {
			out = append(out, &doc.Emph{Inlines: []doc.Inline{txt(s[m[4]:m[5]])}})
		}
		last = m[1]
	}
	if last < len(s) {
		out = append(out, txt(s[last:]))
	}
	return out
}
