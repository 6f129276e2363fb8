-- One reading of the Markdown, written in several formats (see casereview/writers/pandoc.py).
-- CASEREVIEW_OUTPUTS lists them as JSON: each with its format, the file to write, pandoc's
-- writer options (by their Lua names) and metadata to set for that format only.
local outputs = pandoc.json.decode(os.getenv("CASEREVIEW_OUTPUTS"), false)

function Pandoc(doc)
  for _, output in ipairs(outputs) do
    local copy = doc:clone()
    for key, value in pairs(output.meta) do
      copy.meta[key] = value
    end
    local file = assert(io.open(output.file, "wb"))
    file:write(pandoc.write(copy, output.format, output.options))
    file:close()
  end
  return pandoc.Pandoc({})
end
