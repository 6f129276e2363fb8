"""The spellings and places of issue 11, with fictional identifiers of their own: each
(text to plant, register entry it stands for). Everything here is invented."""
from __future__ import annotations

REGISTER = [   # (real, kind, use): entries 1..9
    ("Jacinta Rosamund Poxwell", "name", "Adult 3"),
    ("Lüdger Søholm", "name", "Adult 4"),
    ("Marisol Elvira de la Fuentes", "name", "Adult 5"),
    ("Precious Wembury", "name", "Child W"),
    ("27 Pellingham Crescent", "address", "the family home"),
    ("St Ninian's C of E Primary School", "school", "a primary school"),
    ("401 023 2137", "nhs_number", "(withheld)"),
    ("2013-09-05", "dob", "(withheld)"),
    ("The Old Chapel Barn at Winterbourne Saint Quintin Holt", "other", "a village"),
]
# a BOM inside a source file is refused by the reader itself (safe_read); elsewhere it is
# ignored like the rest (test_identities)
INVISIBLE = {"zero-width non-joiner": "\u200c", "zero-width joiner": "\u200d",
             "word joiner": "\u2060", "left-to-right mark": "\u200e",
             "right-to-left mark": "\u200f", "left-to-right isolate": "\u2066",
             "pop directional isolate": "\u2069", "invisible times": "\u2062",
             "soft hyphen": "\u00ad", "zero-width space": "\u200b"}
LOOK_ALIKE = {"Cyrillic а": "Jаcinta Poxwell", "Cyrillic е": "Jacinta Poxwеll",
              "Cyrillic о": "Jacinta Pоxwell", "Cyrillic р": "Jacinta Рoxwell",
              "Cyrillic с": "Jaсinta Poxwell", "Cyrillic х": "Jacinta Poхwell",
              "Cyrillic і": "Jacіnta Poxwell", "Cyrillic ј": "Јacinta Poxwell",
              "Greek ο": "Jacinta Pοxwell", "Greek α": "Jαcinta Poxwell"}
SPELLINGS: dict[str, tuple[str, int]] = {
    **{f"invisible {k}": (f"Jac{c}inta Pox{c}well", 1) for k, c in INVISIBLE.items()},
    **{f"look-alike {k}": (v, 1) for k, v in LOOK_ALIKE.items()},
    "percent-encoded link": ("[notes](https://example.org/J%C3%A1cinta%20Poxwell.html)", 1),
    "surname after a title": ("a visit from Mrs Poxwell", 1),
    "the family": ("the Poxwell family", 1),
    "first name alone": ("a call from Jacinta about it", 1),
    "reordered": ("Poxwell, Jacinta", 1),
    "added middle initial": ("Jacinta K. Poxwell", 1),
    "initials": ("J. R. Poxwell", 1),
    "initials before a multi-word surname": ("M. E. de la Fuentes", 3),
    "ü as ue, ø as oe": ("Luedger Soeholm", 2),
    "ü as u, ø as o": ("Ludger Soholm", 2),
    "ordinary-word first name mid-sentence": ("and then Precious said so", 4),
    "surname of an ordinary-word name": ("Mrs Wembury", 4),
    "address without number": ("Pellingham Crescent", 5),
    "address abbreviated": ("27 Pellingham Cres", 5),
    "address without street type": ("off Pellingham near the shops", 5),
    "school without type word": ("St Ninian's", 6),
    "school without apostrophe": ("St Ninians Primary", 6),
    "school as Saint": ("Saint Ninian's School", 6),
    "NHS number ungrouped": ("4010232137", 7),
    "NHS number dotted": ("401.023.2137", 7),
    "NHS number dashed": ("40-10-23-2137", 7),
    "DOB 5th Sept 2013": ("5th Sept 2013", 8),
    "DOB 5th of September 2013": ("5th of September 2013", 8),
    "DOB September 5th, 2013": ("September 5th, 2013", 8),
    "DOB 5 Sept 2013": ("5 Sept 2013", 8),
    "DOB 05/09/2013": ("05/09/2013", 8),
    "DOB 05.09.13": ("05.09.13", 8),
    "DOB 2013-09-05": ("2013-09-05", 8),
    "DOB 5 September '13": ("5 September '13", 8),
    "a hashed entry of ten words": ("The Old Chapel Barn at Winterbourne Saint Quintin Holt", 9),
    "CSS escape": ("Ja\\63 inta Poxwell", 1),
    "CSS escape, six digits": ("\\00004Aacinta Poxwell", 1),
    "JS escape \\u": ("\\u004Aacinta Poxwell", 1),
    "JS escape \\x": ("\\x4Aacinta Poxwell", 1),
    "JS escape \\u{}": ("\\u{4A}acinta Poxwell", 1),
    "HTML entity": ("J&#97;cinta Poxwell", 1),
    "markup <wbr>": ("Ja<wbr>cinta Poxwell", 1),
    "markup comment": ("Jacinta Pox<!-- x -->well", 1),
    "markup span": ("Ja<span>cinta</span> Poxwell", 1),
}
# places outside the review's sources: (file, text around the spelling)
COPYRIGHT = "copyright: \"Thanks to Ja\\\\63 inta Pox<wbr>well\"\n"
TEMPLATE = ("templates/references.md.j2",
            "# Thanks\n\nWith thanks to J&#97;cinta Pox<!-- -->well and Lu\u200ddger Søholm.\n")
IMAGE = "![A plan](images/J%C3%A1cinta%20Poxwell.png)"
# what an independent reader would call a leak: distinctive letters of every entry
DISTINCT = ["poxwell", "jacinta", "soholm", "soeholm", "ludger", "luedger", "fuentes",
            "wembury", "pellingham", "ninian", "4010232137", "winterbourne", "05092013",
            "050913", "20130905", "sept2013", "september2013", "september5th2013", "5thsept"]
