-- hyphenate.lua: TeX's own hyphenation of a word list, as the reference
-- that TestAgainstTeX compares builder/hyphen with. Run by that test with
-- -update, through LuaTeX:
--
--   HYPH_PAT=hyph-de-1996.pat.txt HYPH_HYP= HYPH_LEFT=2 HYPH_RIGHT=2 \
--   HYPH_WORDS=words.txt HYPH_OUT=out.txt luatex --ini run.tex
--
-- Every character of the patterns and of the words is given an hj code
-- (TeX's lccode for hyphenation) of itself: the words are in lower case,
-- and a character in the patterns is a letter to them (the apostrophe in
-- French, the zero-width joiners in Indic scripts), as hyph-utf8's
-- loaders make it.
local function readfile(name)
  if name == nil or name == "" then return "" end
  local f = assert(io.open(name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function strip(s) -- remove % comments
  return (s:gsub("%%[^\n]*", ""))
end

local pats = strip(readfile(os.getenv("HYPH_PAT")))
local hyp = strip(readfile(os.getenv("HYPH_HYP")))
local left = tonumber(os.getenv("HYPH_LEFT"))
local right = tonumber(os.getenv("HYPH_RIGHT"))
local words = {}
for w in readfile(os.getenv("HYPH_WORDS")):gmatch("[^\n]+") do words[#words + 1] = w end

local l = lang.new()
local function hj(s)
  for _, c in utf8.codes(s) do
    if c > 32 and not (c >= 48 and c <= 57) and c ~= 46 then lang.sethjcode(l, c, c) end
  end
end
hj(pats)
hj(hyp:gsub("-", ""))
for _, w in ipairs(words) do hj(w) end
lang.patterns(l, pats)
if hyp:match("%S") then lang.hyphenation(l, hyp) end

local out = assert(io.open(os.getenv("HYPH_OUT"), "wb"))
local disc, glyph = node.id("disc"), node.id("glyph")
for _, word in ipairs(words) do
  local head = node.new("glue")
  local tail = head
  for _, c in utf8.codes(word) do
    local g = node.new("glyph")
    g.subtype = 1 -- a character, not a ligature
    g.char = c
    g.font = font.current()
    g.lang = lang.id(l)
    g.left = left
    g.right = right
    head, tail = node.insert_after(head, tail, g)
  end
  head, tail = node.insert_after(head, tail, node.new("glue"))
  lang.hyphenate(head, tail)
  local parts = {}
  for n in node.traverse(head) do
    if n.id == disc then parts[#parts + 1] = "-"
    elseif n.id == glyph then parts[#parts + 1] = utf8.char(n.char) end
  end
  out:write(table.concat(parts), "\n")
  node.flush_list(head)
end
out:close()
