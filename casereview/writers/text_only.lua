-- The review's text is text (docs/authoring.md, "What the text may hold"). Run first, on the
-- one Markdown rendering, before any format's own filter: what a workspace wrote can never
-- reach an output as markup, a script, a request or a file from elsewhere.
--
--   raw HTML, OpenXML, Typst, LaTeX (`<b>`, ```{=html}```, `x`{=typst}) -> the same characters
--     as text; the layout's own raw output comes from the writers' filters, never the Markdown
--   a link to anything but http(s), mailto, tel or a place in the report -> its words, unlinked
--   an image that is not one of the rendering's re-encoded copies -> "[image: alt]"
--   attributes other than id, classes and a few harmless ones -> dropped (`onclick=`, `style=`)

local LINK_SCHEMES = { http = true, https = true, mailto = true, tel = true }
local KEPT_ATTRIBUTES = { lang = true, dir = true, width = true, height = true }
-- images the rendering re-encoded (casereview/images.py): media/<sha256 prefix>.<png|jpg>
local MEDIA = "^media/%x+%.[a-z]+$"

local function as_text(el)
  return pandoc.Str(el.text)
end

local function scheme(target)
  -- as a browser reads it: control characters and spaces anywhere are ignored
  local bare = target:gsub("[%c%s]", ""):lower()
  return bare:match("^([a-z][a-z0-9+.-]*):")
end

local function safe_attributes(el)
  if el.attributes == nil then
    return nil
  end
  local changed = false
  for key, _ in pairs(el.attributes) do
    if not KEPT_ATTRIBUTES[key] then
      el.attributes[key] = nil
      changed = true
    end
  end
  return changed and el or nil
end

local function link(el)
  local kind = scheme(el.target)
  if kind ~= nil and not LINK_SCHEMES[kind] then
    return pandoc.Span(el.content)
  end
  return safe_attributes(el)
end

local function image(el)
  if not el.src:match(MEDIA) then
    local alt = pandoc.utils.stringify(el.caption)
    return pandoc.Str("[image: " .. (alt ~= "" and alt or "no description") .. "]")
  end
  return safe_attributes(el)
end

return {
  {
    RawInline = as_text,
    RawBlock = function(el) return pandoc.Para({ as_text(el) }) end,
    Link = link,
    Image = image,
    Span = safe_attributes,
    Div = safe_attributes,
    Header = safe_attributes,
    Code = safe_attributes,
    CodeBlock = safe_attributes,
    Table = safe_attributes,
    Figure = safe_attributes,
  },
}
