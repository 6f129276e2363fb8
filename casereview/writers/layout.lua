-- Page layout markers -> each format's own page breaks (and a Word style for one class). The rendering marks where the
-- landscape pages (the action plans) start and end with empty divs, `::: {.landscape-start}`
-- and `::: {.landscape-end}`; the raw markup each format needs is written here, in a filter,
-- and never in the Markdown, whose raw markup text_only.lua shows as text.
--
-- Run as a filter (`--lua-filter`, FORMAT is the output format) or walked by
-- pandoc_outputs.lua, which sets CASEREVIEW_FORMAT to the format being written.

local BREAKS = {
  ["landscape-start"] = {
    -- end the portrait section: Word marks a section break with an empty paragraph that
    -- carries the section's properties; the DOCX writer adds the shared header and footer
    openxml = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
      .. 'w:lineRule="exact"/><w:sectPr><w:type w:val="nextPage"/>'
      .. '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>',
    -- landscape pages and 9.5pt type for the action plans; templates/pdf.typ sets the rest
    typst = "#set page(flipped: true)\n#set text(size: 9.5pt)",
  },
  ["landscape-end"] = {
    openxml = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
      .. 'w:lineRule="exact"/><w:sectPr><w:type w:val="nextPage"/>'
      .. '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr></w:p>',
    -- back to portrait and the body size of templates/pdf.typ
    typst = "#set page(flipped: false)\n#set text(size: 11pt)",
  },
}
local FAMILY = { docx = "openxml", typst = "typst" }

local function page_break(div)
  for name, raw in pairs(BREAKS) do
    if div.classes:includes(name) then
      local family = FAMILY[CASEREVIEW_FORMAT or FORMAT]
      return family and pandoc.RawBlock(family, raw[family]) or {}
    end
  end
end

-- a panel build's paragraph id beside its number (`.para-key`): in Word, the character style
-- the reference document defines for it, smaller and grey (text_only.lua, run before, drops
-- any style the text itself asks for)
local function para_key(span)
  if (CASEREVIEW_FORMAT or FORMAT) == "docx" and span.classes:includes("para-key") then
    span.attributes["custom-style"] = "Paragraph Key"
    return span
  end
end

return { { Div = page_break, Span = para_key } }
