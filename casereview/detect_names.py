"""Person-like names in a review's prose: the vocabulary of ordinary words that are not names,
and the heuristics that find names in title case, capitals, lower case, as initials, and single
first names where the context shows one. Pure functions over a string; each finder yields the
(start, end) of what it found."""
from __future__ import annotations

import re
from functools import lru_cache


def near(pattern: re.Pattern, end: re.Pattern, text: str, reach: int):
    """The first match of `pattern` that finishes where each match of `end` does, starting at
    most `reach` characters before it."""
    for hint in end.finditer(text):
        for m in pattern.finditer(text, max(0, hint.start() - reach), hint.end()):
            if m.end() == hint.end():
                yield m
                break


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
sergeant sir sister summer superintendent violet will
ruby precious blessing destiny patience mercy promise harmony justice honour skye river
storm angel star""".split())
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
cafcass nspcc barnardo nhs nice mash marac mappa systmone rio emis mosaic liquid logic
google facebook instagram snapchat tiktok twitter whatsapp youtube kik discord microsoft apple
android iphone amazon mkdocs github jinja pandoc typst docx pdf html excel zoom skype"""
# Ordinary English words that can be capitalised in a report (sentence starts, headings, titles
# of policies and documents). Plurals, -ed, -ing and -ly forms are derived (`_stems`).
WORDS = """
a ability about above absence absent abuse abuser academic accept access accident account accurate
award
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


def _title_case(text):
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
                yield run[i].start(), run[j - 1].end(1)
            i = j


# --- names in other cases, as initials, and single first names in context ------------------

# Common given names, of the many origins of the families in reviews: a given name opens a
# name written in lower case or in capitals ("jasmine nembhard", "JASMINE NEMBHARD"), and
# alone it is a name when a person's verb follows ("Kayden said"). Names that are also
# ordinary words (Grace, Hope) are in WORD_NAMES instead and need more context.
GIVEN = frozenset("""
aaliyah abdul adam adebayo ahmed aiden aisha aleksandra alex alexander alfie ali alicia amara
amelia amir amy ana andrea andrew anna anthony archie arjun ashley ava ayesha bartosz ben
bethany billy blessing bradley brandon brooke callum cameron carl casey charlie charlotte chelsea
chloe chidi chioma chantelle christopher ciaran connor courtney craig daniel danielle darren
david dean declan demi dominika dylan ebony elijah ella ellie emily emma ethan eva evie fatima
finley freya gabriel gemma george georgia hamza hannah harley harry harvey hassan hayden holly
ibrahim imran isaac isabella isla jack jacob jade jake james jamie jasmine jason jayden jennifer
jessica joanne john jordan joseph joshua julia kacper kai kamal karen kayden kayla kelly kerry
kevin kian kieran kirsty kyle lacey lauren layla leah leon lewis liam lily logan lucas lucy luke
mason maya megan michael mia mohammed molly muhammad nadia natalie nathan nicola niamh noah
oliver olivia omar oscar paige patrick paul piotr priya rachel rebecca reece riley robert ruby
ryan sadia samantha samuel sarah scarlett sean shannon sienna simon sophie stacey stephen
stephanie summer tanya taylor terry thomas tia tiffany tom tommy tyler victoria wayne william
yasmin zain zara zoe zofia
abigail adrian agnieszka aidan alan alicja alisha amanda amina andreea andrzej angela anita
anjali archer arthur ashton aurora barbara beata bilal bogdan brian bronwen caitlin carla
caroline catherine cerys chanel claire codie colin dale dana darius dariusz darnell dawid delroy
denise derek diana dimitri dina donna dwayne eilidh elena elizabeth ellis emre erin esther ewa
farah farid fiona florin francesca gareth gavin grzegorz hakim halima harriet helen ian ioana
irena isobel jacqueline jakub jamal jermaine jodie joel jolene jonathan josie kamila karim
katarzyna katie keeley keira kemal kenneth kerry-ann kiera kirsten kofi krystal kwame lacey
laura leanne lee linda lisa louise lukasz maciej madison maja malik marcus marek maria mariana
marta martin matthew melissa michelle mihai mohamed monika nathaniel neil nikita nicole olga
oluwaseun osman pawel peter rafal reggie reuben rhys ricky rosie roxanne ruth ryan sabrina
sadie saima samira sandra shabana shakira shane shauna shelby sharon shaun sofia stefan
stuart tamara tamsin tariq theo tomasz toni tracey troy tyrese tyrone vanessa vicky wiktoria
yusuf zainab zbigniew
""".split())
# given names that are also ordinary words: a name only where the context says so
WORD_NAMES = frozenset("""
blessing precious grace hope faith joy charity destiny honour patience mercy promise harmony
justice summer autumn rose daisy lily holly ivy hazel heather amber crystal pearl ruby dawn
skye river storm sky star angel autumn
""".split())
# what a person does next: "Grace said", "Kayden was", "Hope's mother"
PERSON_VERB = (r"(?:['’]s\s|\s+(?:said|says|told|tells|was|is|had|has|did|went|cried|disclosed"
               r"|attended|returned|appeared|seemed|would|could|wanted|lived|stayed|became"
               r"|started|missed|saw|asked|began|needed|spent|and\s+(?:her|his)\s))")
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:['’-][{UPPER}]?[{LOWER}]{{2,}})?"  # not "Hope’s"
# Each pattern below starts with a plain character or class and only then looks behind, as
# the patterns of detect.py do, so that the regex engine skips to the candidates.
# initials before a surname: "K. Marsh", "J.A. Okafor", "K Marsh" (but "A Brown and Ward
# framework": without a full stop, "A" and "I" are words)
INITIALS = re.compile(rf"[A-Z](?<![\w.’'][A-Z])(?:(?:\.\s?[A-Z])*\.|(?<=[B-HJ-Z]))"
                      rf"\s({NAME_WORD})\b")
# two or three words in capitals inside a sentence that is not: "the referral named DARNELL
# ELLWOOD"; headings in capitals are not read
CAPS = re.compile(r"([A-Z](?<=[a-z,] [A-Z])[A-Z]{2,}(?:[ -][A-Z'’]{2,}){1,2})"
                  r"(?=[ ,.;:)]+[a-z]|$)")
BABY = re.compile(rf"[Bb](?<!\w[Bb])aby\s+({NAME_WORD})")
TITLE = re.compile(rf"M(?<!\wM)(?:rs?|s|iss|x|aster)\.?\s+({NAME_WORD})")
CALLED = re.compile(rf"[cnk](?<!\w[cnk])(?:(?<=c)alled|(?<=k)nown\s+as|(?<=n)(?:icknamed"
                    rf"|ame\s+(?:was|is)|amed(?:\s+(?:the\s+baby|him|her|the\s+child))?))\s+"
                    rf"[\"“‘']?({NAME_WORD})")
# "Kayden, aged 4": found from "aged", then the name looked for just before it
AGED = re.compile(r"a(?<!\wa)ged\s+[0-9]")
BEFORE_AGED = re.compile(rf"(?<![\w’'-])({NAME_WORD})(?:,\s*|\s+\()$")
ALONE = re.compile(rf"({NAME_WORD}){PERSON_VERB}")
NOT_NAMES = frozenset("the a an this that these those his her their its our your my he she "
                      "they it we i you there here".split())
MONTHS = frozenset("january february march april may june july august september october "
                   "november december".split())


# ranks and family words before a name: "PC Hollis", "Uncle Rizwan", "Nan Pearl"
RANK = re.compile(rf"[A-Z](?<![\w’'-][A-Z])(?:(?<=P)CSO|(?<=[PD])C|(?<=D)(?:CI|S|I)|(?<=S)gt"
                  rf"|(?<=I)nsp|(?<=U)ncle|(?<=A)unt(?:ie|y)?|(?<=N)an(?:a|ny)?"
                  rf"|(?<=G)ran(?:dad|ddad|dma|ny)?)\.?\s+({NAME_WORD})")
# a title and initials before a surname, in capitals too: "MR T. GALLAGHER", "Mrs J Obi"
TITLE_INITIALS = re.compile(r"M(?<![\w]M)(?:rs?|s|iss|R|RS|S|ISS)\.?\s+(?:[A-Z]\.?\s?){1,3}"
                            r"\s?([A-Z][A-Za-z’'-]+)\b")
# initials in lower case: "j. okafor"
LOWER_INITIAL = re.compile(r"\.(?<=[^\w.’'@-][a-z]\.)\s?([a-z]{3,})\b(?!\.\w)")
# two given-name parts joined by a hyphen, in one case: "Tia-Mae", "ruby-rose"
HYPHENED = re.compile(rf"[A-Za-z](?<![\w’'-].)[a-z]+-[A-Za-z][a-z]+(?![\w’'-])")
HYPHEN_END = re.compile(r"-(?<=[a-z]-)[A-Za-z][a-z]+(?![\w’'-])")
# a relation, then a name after a space, a comma or a bracket: "the baby, Lucas,", "his sister
# Hope", "the younger brother (Harvey)"; and a name the apposition that follows explains:
# "Stacey, the mother's best friend", "Jerome (the older brother)"
RELATIONS = (r"(?:baby|child|boy|girl|son|daughter|brother|sister|sibling|mother|father|mum|dad"
             r"|partner|boyfriend|girlfriend|friend|cousin|aunt|uncle|niece|nephew|grandmother"
             r"|grandfather|grandson|granddaughter|eldest|youngest|twin|husband|wife"
             r"|stepfather|stepmother|neighbour|lodger)")
# found from the name back: a capital after a lower-case word, a comma or a bracket, then the
# relation looked for just before it (a search starting with the relations is slow)
MID_CAPITAL = re.compile(rf"[{UPPER}](?<=[a-z,] [{UPPER}])|[{UPPER}](?<= \([{UPPER}])")
NAME_AT = re.compile(rf"({NAME_WORD})(?=[,)]|\s+[a-z])")
RELATION_BEFORE = re.compile(rf"\b{RELATIONS}(?:,\s*|\s+\(|\s+)\Z", re.I)
NAME_APPOSITION = re.compile(
    rf"({NAME_WORD})(?:,\s+|\s+\()(?:the|his|her|their|a|an|mother['’]s|father['’]s)\s+"
    rf"(?:[\w’'-]+\s+){{0,2}}{RELATIONS}s?\b")
# a family by its surname: "the Hendersons, who", "the Okafors' house"
FAMILY = re.compile(rf"t(?<![\w]t)he\s+([{UPPER}][{LOWER}]+s)(?=,?\s+who\b|['’]\s"
                    r"|\s+(?:family|household)\b)")
NICKNAME = re.compile(rf"[nosl](?<!\w.)(?:(?<=n)ickname\s+[\"“‘']?({NAME_WORD})"
                      rf"|(?:(?<=o)nly|(?<=s)imply|(?<=l)ocally)\s+as"
                      rf"\s+[\"“‘']?((?:{NAME_WORD}\s+)?{NAME_WORD}))")
# a given name before any past-tense verb or "being", "who": "that Jayden flinched"
GIVEN_VERB = re.compile(rf"({NAME_WORD})\s+(?:[a-z]+ed|being|who|whose)\b")


def _name_like(word: str) -> bool:
    """A word that may be a name where the context calls for one: not a function word, a
    month, nor an organisation or role word ("called Police", "named Doctor")."""
    w = word.lower()
    return w not in NOT_NAMES and w not in MONTHS and not _org(word) and w not in PLACES_SET


PLACES_SET = frozenset(PLACES.split())


GIVEN_UPPER = frozenset(g.upper() for g in GIVEN)


def _other_case(text):
    """A given name in lower case or capitals, and the one or two unusual words after it: the
    words of the text are looked up in the list at once, and only those found are searched."""
    words = {w.strip(".,;:!?()[]“”‘’\"'") for w in set(text.split())}
    given = (words & GIVEN) | (words & GIVEN_UPPER)
    for name in given:
        rest = r"(?: [a-z'’-]+){1,2}" if name.islower() else r"(?: [A-Z'’-]+){1,2}"
        for m in re.finditer(rf"(?<![\w’'-]){name}({rest})\b", text):
            kept = []
            for word in m.group(1).split():
                if ordinary(word, False) or word.lower() in NOT_NAMES:
                    break
                kept.append(word)
            if kept:
                yield m.start(), m.start() + len(" ".join([name, *kept]))


def _named(word: str) -> bool:
    """A word the context names a person with: a given name, a word that is also one, or an
    unusual word ("named Designated Lead", "Mother, aged 19" name no one)."""
    w = word.lower()
    return _name_like(word) and (w in GIVEN or w in WORD_NAMES or w in KEEP
                                 or not ordinary(word))


def _in_context(text):
    for pattern in (BABY, TITLE, CALLED):
        for m in pattern.finditer(text):
            if (_name_like if pattern is TITLE else _named)(m.group(1)):
                # "Baby Marsh" is one name; in "the baby Promise" the name is the word after
                whole = pattern is TITLE or (pattern is BABY and text[m.start()] == "B")
                yield (m.start() if whole else m.start(1)), m.end(1)
    for m in AGED.finditer(text):
        before = BEFORE_AGED.search(text, max(0, m.start() - 40), m.start())
        if before and _named(before.group(1)):
            yield before.start(1), before.end(1)
    for m in INITIALS.finditer(text):
        if not ordinary(m.group(1)):
            yield m.start(), m.end(1)
    for m in ALONE.finditer(text):
        if m.start() and text[m.start() - 1] not in " \t\n(“\"‘":
            continue
        word = m.group(1).lower()
        mid = re.search(r"[a-z,]\s*$", text[max(0, m.start(1) - 3):m.start(1)])
        # an unusual word is a name before a person's verb mid-sentence ("noted that Tyrone
        # was"), not at a sentence's start, where a place or service may stand ("Leicester was")
        unusual = mid and not ordinary(m.group(1)) and _name_like(m.group(1))
        if word in GIVEN or unusual or (word in WORD_NAMES and word not in MONTHS and mid):
            yield m.start(1), m.end(1)
    for m in CAPS.finditer(text):
        words = re.split(r"[ -]", m.group(1))
        if not any(ordinary(w.title()) for w in words) and all(re.search("[AEIOUY]", w)
                                                                  for w in words):
            yield m.start(1), m.end(1)


def _part(word: str) -> bool:
    """A part of a hyphened given name: in the lists of names, or, capitalised, any unusual
    word ("Tia-Mae"); in lower case an unusual word is more often a typed word ("rose-tinted")."""
    w = word.lower()
    listed = w in GIVEN or w in WORD_NAMES or w in KEEP
    return w not in MONTHS and (listed or (word[0].isupper() and not ordinary(w)))


def _hyphened(text):
    for m in near(HYPHENED, HYPHEN_END, text, 30):
        parts = m.group().split("-")
        one_case = m.group().islower() or all(p[0].isupper() for p in parts)
        if one_case and all(map(_part, parts)) and any(
                p.lower() in GIVEN or p.lower() in WORD_NAMES for p in parts):
            yield m.start(), m.end()


def _more_context(text):
    """Names that ranks, relations, appositions, nicknames and verbs show to be names."""
    for capital in MID_CAPITAL.finditer(text):
        m = NAME_AT.match(text, capital.start())
        if m and RELATION_BEFORE.search(text[max(0, m.start() - 16):m.start()]) and _named(
                m.group(1)):
            yield m.start(1), m.end(1)
    for pattern, test in ((RANK, _named), (NAME_APPOSITION, _named),
                          (FAMILY, lambda w: not ordinary(w[:-1]) and _name_like(w[:-1])),
                          (TITLE_INITIALS, _name_like)):
        for m in pattern.finditer(text):
            if test(m.group(1)):
                yield (m.start() if pattern in (RANK, TITLE_INITIALS) else m.start(1)), m.end(1)
    for m in LOWER_INITIAL.finditer(text):
        if not ordinary(m.group(1)) and m.group(1) not in PLACES_SET:
            yield m.start() - 1, m.end(1)
    for m in NICKNAME.finditer(text):
        group = 1 if m.group(1) else 2
        if all(_name_like(w) for w in m.group(group).split()):
            yield m.start(group), m.end(group)
    for m in GIVEN_VERB.finditer(text):
        word = m.group(1).lower()
        if word in GIVEN and word not in WORD_NAMES and re.search(
                r"[a-z,]\s*$", text[max(0, m.start() - 3):m.start()]):
            yield m.start(1), m.end(1)
    yield from _hyphened(text)


def names(text):
    """Every name-like span: title-case runs, other cases, initials and names in context."""
    yield from _title_case(text)
    yield from _other_case(text)
    yield from _in_context(text)
    yield from _more_context(text)
