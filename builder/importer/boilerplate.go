package importer

import (
	"regexp"
	"strings"
	"sync"
)

// pattern is one kind of site boilerplate, matched against a whole
// trimmed line or block, with the reason a removal gives.
type pattern struct {
	re  func() *regexp.Regexp
	why string
}

// pat compiles expr on first use: its counted repeats (.{0,400}) make
// the patterns slow to compile, and every command, build included, would
// otherwise pay for them at start.
func pat(expr, why string) pattern {
	return pattern{re: sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(?:` + expr + `)$`)
	}), why: why}
}

// cutPatterns start the site's trailing matter: once the article has
// begun, a line matching one ends the article, and everything after it
// (share buttons, comment forms, lists of other posts) goes with it.
var cutPatterns = []pattern{
	pat(`share and enjoy\s*!?`, "share prompt"),
	pat(`share( this( post| article| story| page)?)?( on)?\s*:?`, "share prompt"),
	pat(`like this\s*:?`, "like prompt"),
	pat(`leave a (reply|comment|response)\b.{0,40}`, "comment form"),
	pat(`(add|post|write) a comment\s*:?`, "comment form"),
	pat(`(\d+|no|one|two|three) (comments?|responses?|replies|thoughts)( (on|to) .{0,200})?`, "comment section"),
	pat(`comments?( \(\d+\))?\s*:?`, "comment section"),
	pat(`related( posts| articles| stories| reading| content)?\s*:?`, "list of related posts"),
	pat(`(you (may|might) also (like|enjoy)|recommended( for you)?|more (posts |articles |stories )?from .{0,60}|recent posts|popular posts|post navigation|read next)\s*:?`, "list of other posts"),
}

// linePatterns are boilerplate lines removed wherever they stand alone.
var linePatterns = []pattern{
	pat(`your email address will not be published\.?( required fields are marked \*)?`, "comment form"),
	pat(`required fields are marked \*?\.?`, "comment form"),
	pat(`save my name, email, and website in this browser for the next time i comment\.?`, "comment form"),
	pat(`notify me of (follow-up comments|new posts) by email\.?`, "comment form"),
	pat(`(tags?|tagged( with)?|filed under|categories|category|topics?)\s*:.{0,200}`, "tag or category list"),
	pat(`posted (in|under) .{0,200}`, "tag or category list"),
	pat(`loading\s*(\.\.\.|…)?`, "widget placeholder"),
	pat(`(like|likes?) loading\s*(\.\.\.|…)?|be the first to like this\.?|\d+ likes?`, "like button"),
	pat(`subscribe( now| for free| to .{1,80})?\s*[!.]?`, "subscribe prompt"),
	pat(`(sign up|subscribe) (for|to) (our|the|my) (free )?(newsletter|mailing list|updates).{0,80}`, "subscribe prompt"),
	pat(`(type your email|enter your email( address)?)\s*(…|\.\.\.)?`, "subscribe prompt"),
	pat(`(click to )?(share|email|print|tweet|pin)( (this|it))?( on| to| via)?( (facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|tumblr|pocket|mastodon|bluesky|email|a friend))?( \(opens in new window\))?`, "share button"),
	pat(`facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|tumblr|pocket|mastodon|bluesky|threads|e-?mail|print|copy link|share via .{1,30}`, "share button"),
	pat(`(this (web)?site uses cookies|we use cookies|by (continuing|using) (to use )?this (web)?site).{0,400}`, "cookie notice"),
	pat(`(accept|reject|decline|manage)( all)? cookies|cookie (settings|policy|preferences)`, "cookie notice"),
	pat(`skip to (main )?content|jump to (main )?content|toggle navigation|main menu|menu`, "navigation"),
	pat(`(previous|next|older|newer) (post|article|story|entry)\s*:?.{0,200}|[«‹←] (previous|prev)|(next) [»›→]`, "navigation"),
	pat(`(continue reading|read more|keep reading)\s*(»|→|\.\.\.|…)?`, "navigation"),
	pat(`advertisement|sponsored( content)?|scroll to continue( with content)?`, "advertisement"),
	pat(`(print|printer)[- ]friendly( version)?.{0,40}`, "share button"),
	pat(`cancel reply|log in to reply|reply( ↓)?`, "comment form"),
}

// tailPatterns are short lines removed only in the run of boilerplate at
// the end (comment-form labels), where they cannot be the article's.
var tailPatterns = []pattern{
	pat(`(comment|name|e-?mail|website|url)\s*\*?`, "comment form"),
	pat(`(post|submit|send) (comment|reply)|submit`, "comment form"),
	pat(`(copyright\s*)?(©|\(c\)).{0,160}|all rights reserved\.?`, "copyright line"),
}

// pageTailPatterns are a web page's closing lines that may follow the
// article inside its container: a copyright or "powered by" line, when
// it is the last thing left.
var pageTailPatterns = []pattern{
	pat(`.{0,80}(©|\(c\) \d{4}|copyright \d{4}|all rights reserved).{0,200}`, "copyright line"),
	pat(`.{0,80}\bpowered by\b.{0,80}`, "site footer"),
}

// matchAny returns the reason the first pattern matching s gives.
func matchAny(ps []pattern, s string) (string, bool) {
	for _, p := range ps {
		if p.re().MatchString(s) {
			return p.why, true
		}
	}
	return "", false
}

// matchStrip reports whether s matches a pattern from Options.Strip.
func matchStrip(res []*regexp.Regexp, s string) (string, bool) {
	for _, re := range res {
		if re.MatchString(s) {
			return "matches strip pattern " + strings.TrimSuffix(strings.TrimPrefix(re.String(), `(?i)^(?:`), `)$`), true
		}
	}
	return "", false
}

// boilerLine classifies one trimmed line or block text: whether it starts
// the trailing matter (cut) or is boilerplate by itself (drop).
func boilerLine(s string, strip []*regexp.Regexp) (why string, cut, drop bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false, false
	}
	if why, ok := matchStrip(strip, s); ok {
		return why, false, true
	}
	if len(s) > 600 {
		return "", false, false
	}
	if why, ok := matchAny(cutPatterns, s); ok {
		return why, true, false
	}
	if why, ok := matchAny(linePatterns, s); ok {
		return why, false, true
	}
	return "", false, false
}
