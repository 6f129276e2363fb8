-- Pandoc Lua filter for the PDF: the Markdown rendering -> Typst markup that pdf.typ lays out.
--
-- * `[18.5]{#legal-advice .para-no}` becomes `#strong[18.5]<legal-advice>`: the number stays
--   the first text of its paragraph, and cross-references `[18.5](#legal-advice)` link to it;
--   a panel build's paragraph id after it (`.para-key`) is set smaller and grey.
-- * A section heading whose id is also a paragraph's id is relabelled `<id>-section` (Typst
--   refuses a link to a label that occurs twice); links to that id whose text is the
--   paragraph's number keep pointing at the paragraph, the others point at the section.
-- * Pipe tables get column widths from their content: short columns `auto`, the others a
--   share (`fr`) that grows with the square root of their cells' length and is never narrower
--   than their longest word. The widths the Markdown's dashes imply are ignored. A cell whose
--   word may be wider than its column may hyphenate it, as a last resort; no other cell does.
-- * The PDF is PDF/UA-1, which Typst enforces:
--   - every image carries its description as `alt:` (pandoc's Typst writer leaves it out;
--     `casereview check` refuses an image without a description);
--   - heading levels never skip one (`##` then `####` becomes `##` then `###`): Typst refuses
--     a skip, and a screen reader's list of headings would show a gap;
--   - math (`$x^2$`) is shown as written: a typeset equation would need alt text.

local stringify = pandoc.utils.stringify

local para_ids = {}
local renamed = {}

local function label(id)
  if id:match("^[%w_%-:.]+$") then
    return "<" .. id .. ">"
  end
  return '#label("' .. id:gsub("\\", "\\\\"):gsub('"', '\\"') .. '")'
end

local function escape(text)
  return (text:gsub("([\\#%[%]%*_%$<>@`~/=%-+])", "\\%1"))
end

local function para_number(span)
  if not span.classes:includes("para-no") then
    return nil
  end
  local raw = "#strong[" .. escape(stringify(span.content)) .. "]"
  if span.identifier ~= "" then
    raw = raw .. label(span.identifier)
  end
  return pandoc.RawInline("typst", raw)
end

-- a panel build's paragraph id (`[\[k5a669b\]]{.para-key}`): smaller and grey, after the number
local function para_key(span)
  if span.classes:includes("para-key") then
    return pandoc.RawInline("typst", '#text(size: 0.8em, fill: luma(40%))['
      .. escape(stringify(span.content)) .. "]")
  end
end

local function heading(h)
  if h.identifier ~= "" and para_ids[h.identifier] then
    renamed[h.identifier] = true
    h.identifier = h.identifier .. "-section"
    return h
  end
end

local function link(l)
  local id = l.target:match("^#(.+)$")
  if id and renamed[id] and stringify(l.content) ~= para_ids[id] then
    l.target = "#" .. id .. "-section"
    return l
  end
end

-- a Typst string literal
local function quoted(text)
  return '"' .. text:gsub("[\\\"]", "\\%0"):gsub("%s+", " ") .. '"'
end

-- the image as pandoc writes it (`image("media/…", width: …)`), with its description as `alt:`
local function with_alt(block, img)
  local alt = quoted(stringify(img.caption):match("^%s*(.-)%s*$"))
  local out = pandoc.write(pandoc.Pandoc({ block }), "typst-smart"):gsub("%s+$", "")
  local replaced
  out, replaced = out:gsub('image%("([^"\\]*)"', function(src)
    return 'image("' .. src .. '", alt: ' .. alt .. ""
  end, 1)
  return replaced == 1 and out or nil
end

local function image(img)
  local out = with_alt(pandoc.Plain({ img }), img)
  return out and pandoc.RawInline("typst", out)
end

local function figure(fig)
  local imgs = {}
  fig.content:walk({ Image = function(img) imgs[#imgs + 1] = img end })
  if #imgs ~= 1 then
    return nil
  end
  local out = with_alt(fig, imgs[1])
  return out and pandoc.RawBlock("typst", out), false
end

local function as_written(m)
  local mark = m.mathtype == "DisplayMath" and "$$" or "$"
  return pandoc.Str(mark .. m.text .. mark)
end

-- each heading at most one level below the one before it (in a walk from the top down, which
-- meets the headings in the order of the text)
local previous_level = 0
local function consecutive_level(h)
  if h.level > previous_level + 1 then
    h.level = previous_level + 1
  end
  previous_level = h.level
  return h
end

-- a table's width in characters of its type, on a portrait page (more fit on a landscape one)
local TABLE_CHARACTERS = 100
local LAST_RESORT = pandoc.RawBlock("typst", '#set par(linebreaks: "optimized")\n'
  .. "#set text(hyphenate: true)")

local function column_spec(tbl)
  local cols = {}
  local function add(row, head)
    for j, cell in ipairs(row.cells) do
      local c = cols[j] or { total = 0, n = 0, max = 0, word = 0 }
      cols[j] = c
      local text = stringify(cell.contents)
      local len = utf8.len(text) or #text
      c.max = math.max(c.max, len)
      for word in text:gmatch("%S+") do
        c.word = math.max(c.word, utf8.len(word) or #word)
      end
      if not head then
        c.total, c.n = c.total + len, c.n + 1
      end
    end
  end
  for _, row in ipairs(tbl.head.rows) do add(row, true) end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do add(row, false) end
  end
  local spec, shares, free, total = {}, {}, TABLE_CHARACTERS, 0
  for j = 1, #tbl.colspecs do
    local c = cols[j] or { total = 0, n = 0, max = 0, word = 0 }
    if c.max <= 18 then
      spec[j] = "auto"
      free = free - c.max - 2
    else
      local avg = c.n > 0 and c.total / c.n or c.max
      shares[j] = math.max(math.sqrt(avg), c.word / 2.5, 1)
      spec[j] = string.format("%.1ffr", shares[j])
      total = total + shares[j]
    end
  end
  local widths = {} -- of the `fr` columns, in characters; an `auto` column fits its words
  for j, share in pairs(shares) do
    widths[j] = math.max(free, 20) * share / total
  end
  return "(" .. table.concat(spec, ", ") .. ")", widths
end

-- the longest word a line cannot break: Typst breaks at spaces and after a hyphen, a dash
-- or a slash
local function longest_word(text)
  local longest = 0
  for word in text:gsub("%-", " "):gsub("/", " "):gsub("–", " "):gsub("—", " "):gmatch("%S+") do
    longest = math.max(longest, utf8.len(word) or #word)
  end
  return longest
end

-- A cell whose word may be wider than its column may break it at a hyphenation point, as a
-- last resort: the optimised line breaks weigh the hyphen's cost (templates/pdf.typ prices
-- it too high for any other use), which the simple ones, kept for every other cell (where
-- nothing is hyphenated) as they take a third of the time, ignore.
local function last_resort(copy, widths)
  local function mark(row)
    for j, cell in ipairs(row.cells) do
      if widths[j] and longest_word(stringify(cell.contents)) >= 0.8 * widths[j] then
        cell.contents:insert(1, LAST_RESORT)
      end
    end
  end
  for _, row in ipairs(copy.head.rows) do mark(row) end
  for _, body in ipairs(copy.bodies) do
    for _, row in ipairs(body.body) do mark(row) end
  end
end

-- A cell that opens with a list opens it on a line of its own: written after the cell's `[`,
-- far along the table's line, the item's continuation lines (`\` breaks) would stand left of
-- its marker, and Typst would end the item there.
local LIST_LINE = pandoc.RawBlock("typst", "// the list starts its own line")

local function lists_on_their_own_line(copy)
  local function mark(row)
    for _, cell in ipairs(row.cells) do
      local first = cell.contents[1]
      if first and (first.t == "BulletList" or first.t == "OrderedList") then
        cell.contents:insert(1, LIST_LINE)
      end
    end
  end
  for _, body in ipairs(copy.bodies) do
    for _, row in ipairs(body.body) do mark(row) end
  end
end

local function tbl(t)
  local spec, widths = column_spec(t)
  local copy = t:clone()
  lists_on_their_own_line(copy)
  last_resort(copy, widths)
  local colspecs = {}
  for j, cs in ipairs(copy.colspecs) do
    colspecs[j] = { cs[1], nil } -- default widths: the writer gives `columns: N`
  end
  copy.colspecs = colspecs
  -- unwrapped: a list item's wrapped line loses its indent in a cell, and Typst ends the item
  local out = pandoc.write(pandoc.Pandoc({ copy }), "typst-smart", { wrap_text = "wrap-none" })
  local replaced
  out, replaced = out:gsub("columns: %d+,", "columns: " .. spec .. ",", 1)
  if replaced ~= 1 then
    return nil -- the writer changed its output: leave the table as pandoc writes it
  end
  return pandoc.RawBlock("typst", out)
end

-- Paragraph numbers, section headings and tables are top-level blocks of the rendering:
-- one pass over them (links are walked only if ids collide), after one walk of the whole tree
-- for what PDF/UA-1 asks of images, math and heading levels: images and math may be anywhere,
-- in a list or a table (which the pass writes as Typst), and a figure is met before its image,
-- which takes its alt inside the figure pandoc writes.
function Pandoc(doc)
  doc = doc:walk({ traverse = "topdown", Figure = figure, Image = image, Math = as_written,
                   Header = consecutive_level, Span = para_key })
  local blocks = doc.blocks
  for _, b in ipairs(blocks) do
    if b.t == "Para" then
      local first = b.content[1]
      if first and first.t == "Span" and first.classes:includes("para-no") and first.identifier ~= "" then
        para_ids[first.identifier] = stringify(first.content)
      end
    end
  end
  local out = {}
  for i, b in ipairs(blocks) do
    if b.t == "Para" then
      local first = b.content[1]
      local raw = first and first.t == "Span" and para_number(first)
      if raw then
        b.content[1] = raw
      end
    elseif b.t == "Header" then
      b = heading(b) or b
    elseif b.t == "Table" then
      b = tbl(b) or b
    end
    out[i] = b
  end
  doc.blocks = out
  if next(renamed) then
    doc = doc:walk({ Link = link })
  end
  return doc
end
