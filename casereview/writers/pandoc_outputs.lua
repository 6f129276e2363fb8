-- One reading of the Markdown, written in several formats (see casereview/writers/pandoc.py).
-- CASEREVIEW_OUTPUTS lists them as JSON: each with its format, the file to write, pandoc's
-- writer options (by their Lua names) and metadata to set for that format only.
local outputs = pandoc.json.decode(os.getenv("CASEREVIEW_OUTPUTS"), false)
local here = pandoc.path.directory(PANDOC_SCRIPT_FILE)
-- the review's text is text, whatever the format; then each format's page breaks
local text_only = dofile(pandoc.path.join({ here, "text_only.lua" }))
local layout = dofile(pandoc.path.join({ here, "layout.lua" }))

local function walked(doc, filters)
  for _, filter in ipairs(filters) do
    doc = doc:walk(filter)
  end
  return doc
end

function Pandoc(doc)
  doc = walked(doc, text_only)
  for _, output in ipairs(outputs) do
    CASEREVIEW_FORMAT = output.format
    local copy = walked(doc:clone(), layout)
    for key, value in pairs(output.meta) do
      copy.meta[key] = value
    end
    local file = assert(io.open(output.file, "wb"))
    file:write(pandoc.write(copy, output.format, output.options))
    file:close()
  end
  return pandoc.Pandoc({})
end
