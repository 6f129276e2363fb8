"""Unregistered identifiers in a review's prose: what the identity register does not know.

The register (`identities.py`) finds identifiers someone declared. These detectors look for the
shapes identifiers take — postcodes, phone numbers, e-mail and NHS / National Insurance
numbers, dates of birth, street addresses and person-like names — so that a lead reviewer sees,
before publication, anything nobody thought to register. Every detection is a warning to
resolve: remove or pseudonymise the text, register it, or allow-list it (`known`).

Pure functions over a string: no file access, no network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LABELS = {"postcode": "UK postcode", "phone": "phone number", "email": "e-mail address",
          "nhs_number": "NHS number", "ni_number": "National Insurance number",
          "date_of_birth": "date of birth", "street_address": "street address",
          "person_name": "person's name"}
# an identifier matched by two detectors is reported once, as the more specific kind
PRIORITY = ["email", "nhs_number", "ni_number", "postcode", "phone", "date_of_birth",
            "street_address", "person_name"]


@dataclass(frozen=True)
class Detection:
    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]


# --- shapes ------------------------------------------------------------------------------

# Each pattern starts with a plain character class and only then looks behind (two
# characters, the first one included): the regex engine can then skip ahead to candidate
# characters instead of testing the look-behind at every position, which makes scanning a
# whole review several times faster.

# the letters each position of a postcode may hold (Royal Mail's rules), upper case only
POSTCODE = re.compile(
    r"[A-PR-UWYZ](?<![A-Za-z0-9][A-PR-UWYZ])(?:[0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9]{1,2}|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
# a number starting 0 or +44, spaced or hyphenated: never preceded by . / - so that
# 31.07.2015, 8/04/2015 and 2011-10-20 cannot yield one; the digit count is checked after
PHONE = re.compile(
    r"(?:\+(?<![\w+/.\-].)44 ?(?:\(0\) ?)?|\((?<![\w+/.\-].)0|0(?<![\w+/.\-].))"
    r"[1-37-9][0-9]{1,4}\)?"
    r"(?:[ -]?[0-9]{2,4}){1,3}(?![\w/]|[.,][0-9])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# an address's "@" between word characters: its pattern (which cannot start with a plain class)
# runs only when this fast search finds one, so citations "[@key]" cost nothing
EMAIL_AT = re.compile(r"@(?<=[\w.%+-]@)[A-Za-z0-9-]")
NHS = re.compile(r"[0-9](?<![\w.-][0-9])[0-9]{2}([ -]?)[0-9]{3}\1[0-9]{4}(?![\w-]|[.,][0-9])")
# prefixes: no D F I Q U V, second letter not O, and none of the never-issued pairs
NI = re.compile(r"[A-CEGHJ-PR-TW-Z](?<![A-Za-z0-9].)[A-CEGHJ-NPR-TW-Z](?<!BG|GB|NK|KN|TN|NT|ZZ)"
                r" ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])")

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
FULL_DATE = re.compile(
    rf"(?<![\w./-])(?:[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-](?:[0-9]{{4}}|[0-9]{{2}})"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\s*,?\s+[0-9]{{4}}"
    rf"|{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}"
    rf"|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})(?![\w/-]|[.][0-9])", re.I)
DOB_CUE = re.compile(r"[bd](?<![\w.].)(?:(?<=[bB])orn"
                     r"|(?<=[dD])(?:ate\s+of\s+birth|\.\s?o\.\s?b\.?|ob))(?![\w])", re.I)
# what may stand between a cue and its date: no clause break ("born, until 27 August 2014")
# and no word that moves to another time ("born two years before 3 May 2012")
DOB_GAP = re.compile(r"(?:[^,;!?.]|\.(?!\s))*", re.S)
DOB_NOT = re.compile(r"\b(?:until|till|before|after|since|from|between|when|while|but|and|or"
                     r"|later|earlier|ago)\b", re.I)
DOB_REACH = 40

STREET_TYPES = ("Street St Road Rd Avenue Ave Lane Close Drive Way Crescent Court Place Gardens"
                " Terrace Grove Hill Row Walk Square Mews Parade Rise View").split()
STREET = re.compile(
    r"(?:(?:F(?<![\w.,/-].)lat|A(?<![\w.,/-].)partment|U(?<![\w.,/-].)nit) [0-9]+[A-Za-z]?, ?"
    r"[0-9]|[0-9](?<![\w.,/-].))[0-9]{0,2}[A-Za-z]?,? "
    r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]*)? ){1,3}"
    rf"(?:{'|'.join(STREET_TYPES)})\b(?!-)")
# "Section 20 Children Act", "Child 4 Court": a number after a capitalised word is a label
LABEL_BEFORE = re.compile(r"\b(?:[A-Z][\w’'-]*|para(?:graph)?|pages?|p|no|items?|rows?|steps?"
                          r"|years?|aged?)\.? $")
BEFORE_ADDRESS = {"At", "On", "In", "From", "To", "Of", "Near", "Address", "Lived", "Lives"}
COURTS = {"family", "crown", "county", "magistrates", "magistrates’", "magistrates'", "youth",
          "high", "supreme", "appeal", "coroner's", "coroner’s", "district", "juvenile"}

# --- the vocabulary of ordinary words ----------------------------------------------------

# Words that mark a capitalised run as an organisation, a role, a document or a street, not a
# person: a name candidate stops at the first of them ("Sarah Mounsey Team Leader").
ORG = frozenset("""
academy act agency association authority avenue board borough branch bureau care center centre
charity children city clinic co-ordinator college commission commissioner committee conference
constabulary consultant coordinator council county court crescent department director directorate
division doctor education faculty families forum foundation framework gardens group guidance head
health hospital infirmary inspector inspectorate institute lead leader manager mews ministry
network nurse nursery office officer panel parade partnership pathway plan police policy practice
procedure programme project protection protocol review road safeguarding school service social
society square strategy street surgery team terrace trust unit university visitor worker""".split())
# Titles, and ordinary words that are also given names: they open a candidate when an unusual
# word follows ("Dr Okafor", "Rose Nembhard"); otherwise they are ordinary words like the rest.
KEEP = frozenset("""
amber april autumn bill carol charity christian constable councillor crystal daisy dame dawn dean
detective dr faith frank grace guy hazel heather holly hope inspector iris ivy jack joy judge june
lady lily lord mark may miles miss mr mrs ms mx olive pearl prof professor ray rev rose rosemary
sergeant sir sister summer superintendent violet will""".split())
# Places, nationalities, faiths and agencies' and systems' names: not people either.
PLACES = """
england wales scotland ireland britain great united kingdom europe european london leicester
leicestershire rutland nottingham nottinghamshire derby derbyshire lincoln lincolnshire northampton
northamptonshire warwickshire coventry birmingham wolverhampton manchester liverpool leeds
sheffield bradford bristol newcastle oxford cambridge kent essex surrey sussex yorkshire lancashire
cheshire devon cornwall norfolk suffolk midlands midland loughborough hinckley melton charnwood
oadby wigston blaby harborough lutterworth tavistock africa asia india pakistan bangladesh somalia
poland romania african asian caribbean indian pakistani bangladeshi somali polish romanian chinese
arab arabic british english welsh scottish irish muslim islamic christian hindu sikh jewish
catholic gypsy roma traveller eritrean kurdish afghan iranian iraqi syrian nigerian ghanaian ofsted
cafcass nspcc barnardo nhs nice mash marac mappa systmone rio emis mosaic liquid logic"""
# Ordinary English words that can be capitalised in a report (sentence starts, headings, titles
# of policies and documents). Plurals, -ed, -ing and -ly forms are derived (`_stems`).
WORDS = """
a ability about above absence absent abuse abuser academic accept access accident account accurate
achieve acknowledge across active activity actual acute add address adequate adhd adjust administer
administrator admit adolescent adopt adult advance advice advise adviser advisor advocacy advocate
affair affect after afternoon afterwards again against age aged agenda aggressive ago agree aid aim
albeit alcohol alert all allow allowance almost alone along alongside already also alternative
although altogether always am ambulance amend amid among amongst amount an analyse analysis and
animal annex announce annual another answer antenatal anticipate anxiety any anyone apart apparent
appeal appear appendix apply appoint approach approval approve apr are area arguably argue around
arrange arrest arrival arrive art article artist as aside ask aspect assault assess assign assist
assistance assistant associate assume assurance at attach attempt attend attendance attitude
attribute audit aug august aunt author authorise average avoid avoidance avoidant await aware away
baby back background bad bail balance ban bank barrier barrister base basic basis be bear became
because become bed been before began begin behalf behave behaviour behind being belief believe
belong below beneath benefit besides best better between beyond big birth bite black blame block
blood blue body bond book born both boundary boy break brief bring broad broken brother bruise
budget burn busy but buy by call came camhs campaign can cancel cancelled cannot capacity car card
career carer carry case caseworker category cause centile central certain chair chairman
chairperson challenge chance change chapter characteristic charge chart cheap check chief child
childcare childhood childminder choice choose christmas chronology circumstance civil claim
claimant clarity class clear client clinician close code coercive coincide colleague collect
collective combine come common communicate community compare comparison compel competence competent
complaint complete complex complexity compliance complicated comprehensive compromise compulsory
concern conclude conduct confidence confident confidential confidentiality confirm conflict
confused connect consensus consent consequence consider consist consistent constant consult contact
contain contemporary content context continue continuity contribute control conversely convicted
core coroner correct cost could counsel counsellor course cousin create credit crime criminal
crisis criteria cross crowd crown cry cultural culture curiosity current curriculum custody cut
cycle dad daily damage danger dark dashboard data database date daughter day dead deadline deaf
deal death debt dec december decide decline deep default defence define degree delay deliver demand
demonstrate dental deny depend dependency deputy describe design designated desk despite detail
detect detective determine develop developmental diagnosis did die diet difference different
difficult difficulty digital dip diploma direct disability disabled disagree discipline disclosure
discover discuss disease dismissal disorder display dispute distance distress district diverse
diversity divide diwali do does dog doing domestic done door double doubt down draft dramatic draw
dried drink drive drop drug dry due duty each earlier early earn east easter eastern easy eat
economic edge educational effect effective effort eid eighth either elder elect eleven else email
emergency emotional employ employer empower empty encourage end energy engage enjoy enough enquire
enquiry ensure enter entire entry episode equal equality error escalate escape essential establish
estate ethnic ethnicity evaluate even event ever every everyone evidence evident exact exam examine
example excellent excess excessive exchange exclude executive exercise exist expand expect expense
experience expert expertise explain explicit explore exposure express extend extensive extent
external extra extreme eye fabricated face fact factor fail failure fair fall false familiar family
far fast father fear feb february feed feel feelings few fewer field fifth fifty fight figure file
fill final finance financial find fine finish fire firm first five fix flag flat floor focus follow
food foot footnote for force forensic form formal former forty forty-seven forward found four
fourteen fourth fracture fragile frame free frequent friend friendship frighten from front full
fully fund further furthermore future gain gap gave gender general genital get girl give given
glossary go goes gone good governor gp grammar grand grandfather grandmother grandparent grant
green grey ground grow growth guard guardian guardianship guide guideline guilty gynaecology had
half handle handover happen hard harm has have he headteacher healthy hear held help hence her here
hereafter herself hidden high higher highlight hill him himself his history hold holiday home
honour hospitality host hostile hostility hour house household how however hub human hundred
husband hygiene i identify identity if ill illegal immediate impact importance important impressive
improve imr in incident include indeed independent indicator individual induced inevitably infancy
infant influence inform informal initial initiative injured injury inquiry inside insight instance
instead integrated intelligence intelligent intensive intent inter inter-agency interagency
interest interim internal interpret interpreter interval interview into introduce investigate
involve is isolated issue it item its itself jan january job join joint judge jul july jun junior
just justice keep key keyworker kind kinship kitchen knock know knowledge known label laboratory
labour lack ladder lane language large last late later latterly launch law lawyer learn lease least
leave leaver lecture lecturer led left legacy legal legitimate leisure lengthy less lesson let
letter level liability liaison licence life light like likewise limb limit line link list listen
literature little live loan local locality locate long look loss lost lot low made magistrate main
maintain major majority make makeup man manage many map mar march marriage maternity matron matter
me meal meanwhile measure medicine meet member memory mental method methodology metropolitan middle
midwife midwives might milestone mine minor minority minute misery misuse model module monday
monitor month more moreover most mother move much multi multi-agency multiagency mum must my myself
name narrative national natural nature near necessary need negative neglect neighbour neighbourhood
neither neonatal nephew never new next niece night ninth no nobody non non- non-accidental none nor
normal north northern not notably note notice nov november now number objective obstetrics
occasional oct october of off offence offender offer official often old ombudsman on once one
online only onset open operate opinion opponent opportunity oppose opposite optimistic or orange
order ordinary organic original orthopaedic other otherwise ought our ourselves out outcome outline
outside over overall oversee overview own paediatric paediatrician page paid paper paragraph parent
part partial participant particular partner party pass past path patient pattern pay peer people
per perfect performance perhaps period person personal perspective pharmacy phase phone pica pink
place play point poor popular positive possibly post potential poverty power practitioner pre pre-
pregnancy pregnant premises prepare presence present press pressure prevent price primary principal
principle print prior priority prison prisoner privacy private probably problem proceed proceedings
process produce product professional professor profile progress promise promote prompt proof proper
property proposal protect protective prove provide provider psychiatrist psychologist public pull
pupil purchase purple purpose push put qualified quality quarter quick quite quote race racial
radiology raise rally ramadan range rapid rare rate rather reach read ready real realise reality
reason reasonably recall receive recent receptionist recognise recommend record recover recovery
red reduce refer reference referral reflect reflective refuge refugee refuse regard region regional
register registrar regrettably regular relate relationship relative release relevant religion rely
remain remedy remember remind remove rent repair repeat replace reply report represent
representative request require rescue research reserve residence resident resist resistant resolve
resource respect respond response responsibility rest restrict result retain return reveal reverend
rich right rise risk role room root rough round route royal rule run rural sad safe safeguard safer
safety said same sample saturday save say scald scale scene schedule scheme science scope screen
scrutiny search season seat second secondary secret secretary sector secure security see seek seem
seen seldom select self sell seminar send senior sense sensitive sensitivity sentence sep separate
sept september sergeant series set settle seven seventeen seventh several severe sex sexual
sexuality shaken shall shape share she shelter shift shock shop short shot should show shown
sibling side sight sign signal significant silent similar simple simply since single sister six
sixth size skill slavery sleep slow small smart so soft solicitor solid solve some somehow someone
sometimes somewhat somewhere son soon sorry sort sound source south southern space speak special
specialist specific specified speech spend spirit spread squeeze staff stage stand standard start
state status statutory stay steady step step-down step-up stick still stock stop story straight
strange stranger strategic strength stress strict strike strong structure struggle stuck student
study style sub sub-group subgroup subject submit subsequent substance substantial subtle succeed
success such sudden suffer sufficient suggest suicide suit summary sunday super superintendent
supervise supervisor supply support supreme sure surface surprise survey survival suspect suspend
suspicion sustain symptom system table tablet take talk target task tax teacher tear technology
teenager telephone tell temporary ten tenancy tend tender tenth term terribly territory tertiary
test text than thank that the their them theme themselves then theory therapist therapy there
thereafter therefore these they thin thing think third thirteen thirty this thorough those though
thought thousand threat threaten three threshold thrive through throughout throw thursday thus
ticket tie tight till time timeframe timescale tiny tip tired title to today together toilet told
tolerate tomorrow too tool toolkit top topic total touch tough toward town trace track trade train
transfer transport travel treat triage trial trigger trouble true truth try tuesday turn tutor
twelve twentieth twenty twice twin two type unborn uncle uncooperative under undermine understand
understandably unemployed unexpected unfair unhappy union unique universal unknown unlike until
unusual up update upon urban urgent us use used usual valid value variety verbal very via victim
view village violence violent visit vital voice volume voluntary volunteer vote vulnerability wait
walk wall want ward warm warn was wash waste watch water way we weak wear weather wednesday week
weekend weight welcome welfare well were west wet what whatever when whenever where whereas whereby
whereupon wherever whether which while whilst white who whole whom whose why wide wife win winter
wise wish with withdraw within without woman women wonder word work workshop world worry worse
worst worth would write written wrong year yellow yes yesterday yet yield you young your youth zero
zone"""
VOCAB = frozenset(WORDS.split()) | ORG | KEEP | frozenset(PLACES.split())
# endings of ordinary words, for words the list lacks ("Regrettably", "Disagreements")
SUFFIX = re.compile(r"(?:ingly|edly|ally|ously|ively|fully|ently|antly|ately|ing|tion|sion|ment"
                    r"|ness|ism|ical|ous|ful|less|able|ible|ised|ized|ising|izing)$")
# a capitalised word: Title-case letters, O’Hagan, McGee, Smith-Jones; a possessive ends it
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿĀ-ž"  # Latin-1 and Latin Extended-A: Climbié, Łukasz
TOKEN = re.compile(rf"([{UPPER}](?<![\w’'@#.-].)(?:(?<=M)a?c[{UPPER}]|(?<=[OD])['’][{UPPER}])?"
                   rf"[{LOWER}]+"
                   rf"(?:-[A-Za-z][{LOWER}]+)*)(['’]s\b|(?<=s)['’](?!\w))?(?![\w’'-])")
# between two words of one name: spaces, or a single line break (prose wrapped in YAML)
JOIN = re.compile(r"[^\S\n]+|[^\S\n]*\n[^\S\n]*")


@lru_cache(maxsize=8192)  # a review repeats its words: each is looked at once
def _stems(word: str) -> tuple[str, ...]:
    """The word, and what it may be the plural, past or -ing form of."""
    w = word.lower().replace("’", "'")
    stems = [w]
    for end, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                     ("ing", "e"), ("ily", "y"), ("ly", "")):
        if w.endswith(end) and len(w) > len(end) + 2:
            stems.append(w[:-len(end)] + add)
    return tuple(stems)


@lru_cache(maxsize=8192)
def ordinary(word: str, endings: bool = True) -> bool:
    """An ordinary English word (or place, title, agency word), not a likely name; with
    `endings`, also any word with an ordinary ending (which some surnames have: Manning)."""
    if any(s in VOCAB for s in _stems(word)):
        return True
    if "-" in word:
        return all(ordinary(part, endings) for part in word.split("-") if part)
    return endings and any(len(s) >= 6 and SUFFIX.search(s) for s in _stems(word))


def _org(word: str) -> bool:
    return any(s in ORG for s in _stems(word))


# --- detectors ---------------------------------------------------------------------------

def nhs_number_valid(digits: str) -> bool:
    """NHS numbers carry a modulus 11 check digit (weights 10..2 on the first nine digits)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return check != 10 and check % 11 == int(digits[9])


def _uk_phone(written: str) -> bool:
    digits = re.sub(r"\D", "", written)
    if written.startswith("+44"):
        digits = digits[2:] if digits[2:3] == "0" else "0" + digits[2:]
    # 10 or 11 digits with the 0: 01/02 landlines, 03 non-geographic, 07 mobiles, 08
    return len(digits) in (10, 11) and digits[1] in "12378"


SHAPES = {"postcode": (POSTCODE, None), "phone": (PHONE, _uk_phone), "email": (EMAIL, None),
          "nhs_number": (NHS, lambda t: nhs_number_valid(re.sub(r"\D", "", t))),
          "ni_number": (NI, None)}


def _shapes(text):
    for kind, (pattern, valid) in SHAPES.items():
        if kind == "email" and not EMAIL_AT.search(text):
            continue
        for m in pattern.finditer(text):
            if valid is None or valid(m.group()):
                yield Detection(kind, m.group(), m.start(), m.end())


def _real_date(written: str) -> bool:
    """Day and month in range (the year is whatever it is); "31.02.2011" is not a date."""
    numbers = [int(n) for n in re.findall(r"[0-9]+", written)]
    if numbers[0] > 31:  # 2011-10-20
        numbers = numbers[::-1]
    return 1 <= numbers[0] <= 31 and (len(numbers) < 3 or 1 <= numbers[1] <= 12)


def _dates_of_birth(text):
    """A full date only counts when a cue ("born", "DOB") stands just before it, in the
    same clause: reports are full of event dates, which are not identifiers."""
    for cue in DOB_CUE.finditer(text):
        m = FULL_DATE.search(text, cue.end(), cue.end() + DOB_REACH + 25)
        if not m or m.start() - cue.end() > DOB_REACH:
            continue
        gap = text[cue.end():m.start()]
        if DOB_GAP.fullmatch(gap) and not DOB_NOT.search(gap) and _real_date(m.group()):
            yield Detection("date_of_birth", m.group(), m.start(), m.end())


def _street_addresses(text):
    for m in STREET.finditer(text):
        before = LABEL_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        labelled = before and before.group().rstrip(". ") not in BEFORE_ADDRESS
        words = m.group().split()
        court = words[-1] == "Court" and words[-2].lower() in COURTS
        if not court and not (labelled and not m.group()[0].isalpha()):
            yield Detection("street_address", m.group(), m.start(), m.end())


def _runs(text):
    """Capitalised words joined only by spaces or one line break; anything else — punctuation,
    a digit-bearing token ("Child B1"), a lower-case word, a possessive — ends a run."""
    run = []
    for m in TOKEN.finditer(text):
        if run and not (JOIN.fullmatch(text, run[-1].end(), m.start()) and not run[-1].group(2)):
            yield run
            run = []
        run.append(m)
    if run:
        yield run


def _names(text):
    """Person-like names: a heuristic whose warnings a lead reviewer resolves by allow-listing.

    In a run of capitalised words, leading ordinary words ("When", "The", "Named Doctor") are
    passed over, except a title or name-like word just before an unusual one ("Dr Okafor",
    "Rose Nembhard"). From the first unusual word (one not in the vocabulary) up to three
    words are taken, stopping before an organisation, role, document or street word
    ("Tavistock Centre", "Sarah Mounsey Team Leader"). The candidate is reported when it has
    two or more words and either reaches the end of the run ("Safron Rose") or, when the run
    goes on past it, has two unusual words ("Sarah Mounsey" but not "Sandwell Metropolitan"
    in "Sandwell Metropolitan Borough Council").
    """
    for run in _runs(text):
        words = [m.group(1) for m in run]
        i = 0
        while i < len(words):
            titled = words[i].lower() in KEEP and i + 1 < len(words)
            starts = not ordinary(words[i]) or (titled and not ordinary(words[i + 1], False))
            if not starts:
                i += 1
                continue
            j = i + 1
            while j < len(words) and j - i < 3 and not _org(words[j]):
                j += 1
            unusual = sum(not ordinary(w) for w in words[i:j])
            if j - i >= 2 and (j == len(words) or unusual >= 2):
                yield Detection("person_name", text[run[i].start():run[j - 1].end(1)],
                                run[i].start(), run[j - 1].end(1))
            i = j


FINDERS = (_shapes, _dates_of_birth, _street_addresses, _names)


# --- the whole ---------------------------------------------------------------------------

def _norm(phrase: str) -> str:
    return " ".join(phrase.casefold().replace("’", "'").split())


def _words(phrase: str) -> set[str]:
    words = set()
    for w in re.findall(r"[^\W\d_][\w'-]*", _norm(phrase)):
        w = re.sub(r"'s?$", "", w)
        words |= {w, *w.split("-")}
    return words


@lru_cache(maxsize=8)
def _known(known: frozenset[str]) -> tuple[set[str], set[str]]:
    """The known phrases and their words, made once per set (check calls detect per file)."""
    phrases = {_norm(k) for k in known}
    return phrases, set().union(*map(_words, phrases))


def detect(text: str, known: frozenset[str] = frozenset()) -> list[Detection]:
    """Every likely identifier in `text`, in order of position. `known` holds phrases that are
    allowed (declared pseudonyms such as "Child B1", "Father 2", agency and organisation names,
    role names, professionals' declared names, the workspace's allow-list), compared
    case-insensitively; a detection whose text equals a known phrase, or a person_name whose
    every word is part of a known phrase, is not reported."""
    phrases, known_words = _known(known)
    found = [d for finder in FINDERS for d in finder(text)
             if _norm(d.text) not in phrases
             and not (d.kind == "person_name" and _words(d.text) <= known_words)]
    # where two detections overlap, the more specific kind (PRIORITY order) is the one kept
    kept: list[Detection] = []
    for d in sorted(found, key=lambda d: (PRIORITY.index(d.kind), d.start)):
        if all(d.end <= k.start or k.end <= d.start for k in kept):
            kept.append(d)
    return sorted(kept, key=lambda d: (d.start, d.end))
