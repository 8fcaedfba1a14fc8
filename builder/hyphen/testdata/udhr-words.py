"""udhr-words.py: the word lists in words/, from "UDHR in Unicode"
(https://github.com/eric-muller/udhr, commit f93dd61; the Declaration's
text is the United Nations' and may be freely reproduced).

    /usr/bin/python3 udhr-words.py UDHR_REPO_DIR

For each pattern file it writes words/<name>.txt: up to 300 distinct words
of at least 5 characters, in lower case and in order of first use, that
consist of letters, combining marks and the characters of that
language's patterns (apostrophes, zero-width joiners). Run it again only
to change the sample; the expected hyphenations beside it come from
`go test -run TestAgainstTeX -update`.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

SOURCES = {
    "en-us": "eng", "en-gb": "eng", "de-1996": "deu_1996", "fr": "fra",
    "es": "spa", "it": "ita", "pt": "por_PT", "nl": "nld", "ru": "rus",
    "uk": "ukr", "pl": "pol", "sv": "swe", "da": "dan", "nb": "nob",
    "el-monoton": "ell_monotonic", "el-polyton": "ell_polytonic",
    "hi": "hin", "mr": "mar", "bn": "ben", "ta": "tam", "te": "tel",
    "kn": "kan", "ml": "mal", "gu": "guj", "pa": "pan",
}
PATTERNS = "../../../layouts/hyphenation/hyph-%s.pat.txt"
LIMIT = 300


def letter(c):
    return unicodedata.category(c)[0] in "LM"


def main(repo):
    for name, code in SOURCES.items():
        pats = open(PATTERNS % name, encoding="utf-8").read()
        pats = re.sub(r"%.*", "", pats)
        extra = {c for c in pats if not letter(c) and not c.isspace()
                 and c not in "0123456789.-"}
        root = ET.parse("%s/data/udhr/udhr_%s.xml" % (repo, code)).getroot()
        text = " ".join(root.itertext())
        seen, words = set(), []
        for tok in text.split():
            tok = re.sub(r"^[^\w]+|[^\w]+$", "", tok)
            i, j = 0, len(tok)
            while i < j and not letter(tok[i]):
                i += 1
            while j > i and not letter(tok[j - 1]):
                j -= 1
            w = tok[i:j].lower()
            if len(w) < 5 or w in seen:
                continue
            if not all(letter(c) or c in extra for c in w):
                continue
            seen.add(w)
            words.append(w)
            if len(words) == LIMIT:
                break
        with open("words/%s.txt" % name, "w", encoding="utf-8") as f:
            f.write("".join(w + "\n" for w in words))
        print(name, len(words))


main(sys.argv[1])
