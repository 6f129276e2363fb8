"""Write benchmarks/detector_holdout.yml: the held-out benchmark of the detectors.

Written apart from the detectors and never used to tune them: each sentence below was written by
hand for this file, in the manner of a safeguarding review's chronology or analysis, with its own
values (none taken from benchmarks/detector_corpus.py's lists or frames). Every name, number,
address, school, account and vehicle is fictional: phone numbers are in Ofcom's drama ranges,
NHS numbers pass the modulus-11 check, e-mail domains are example ones.

`python benchmarks/detector_holdout.py` rewrites the YAML from the lists below (no randomness).
Do not tune the detectors on this file: once they are, it measures nothing and a new held-out
set must be written.
"""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "detector_holdout.yml"

# kind|value|sentence, one identifier a line
IDENTIFIERS = """
postcode|LS9 7QG|At the time of the first referral the family were living in temporary accommodation in LS9 7QG.
postcode|bd3 0hw|Mother's GP registration form gives a postcode of bd3 0hw, which was not updated after the move.
postcode|HU5 2NL|The ambulance crew were dispatched to HU5 2NL at 02:14.
postcode|se15 4ry|Father told probation he was sofa-surfing with a friend in se15 4ry.
postcode|PL46AX|Housing records show a tenancy starting at PL46AX in the autumn.
postcode|EX2 8TJ|The refuge, located in EX2 8TJ, accepted mother and the two children that night.
postcode|TS18 3QB|A welfare check was requested at an address in TS18 3QB, but no one answered the door.
postcode|ne6 1SW|The health visitor could not find the property, listed under ne6 1SW, on her first attempt.
postcode|CF24 3EJ|The children's father lived in Cardiff, postcode CF24 3EJ, and had no contact with services in England.
postcode|n7 9ar|Maternal grandmother (postcode n7 9ar) was assessed as a potential kinship carer.
postcode|WF1 5PU|The midwife's booking notes list WF1 5PU as the home address.
postcode|Sr4 6Nd|Police records hold a previous address of Sr4 6Nd for the mother's partner.
postcode|E14 0LT|The young person was found by officers near E14 0LT in the early hours.
postcode|bs5 9dz|On the school admission form the family's postcode was written as bs5 9dz.
postcode|W12 7HB|The emergency duty team placed the children with foster carers in W12 7HB overnight.
postcode|DH1 4GE|A Section 47 strategy discussion noted that the alleged perpetrator lived in DH1 4GE.
postcode|G31 2XR|The family had previously lived in Glasgow (G31 2XR) before moving south in 2013.
postcode|l8 5tn|The hospital's discharge letter was posted to l8 5tn, an address the family had already left.
postcode|CH41 6AY|The mother's sister, who lived in CH41 6AY, was approached about respite care.
postcode|SW9 8LF|Father gave SW9 8LF as his bail address.
postcode|ec1v 2nb|The hotel used as emergency accommodation was at ec1v 2nb.
postcode|OX4 1UE|Children's social care in Oxfordshire transferred the case when the family moved to OX4 1UE.
phone|07700 900417|The social worker left three voicemails on mother's mobile, 07700 900417, over the weekend.
phone|+44 (0)7700 900 123|The referrer gave her contact number as +44 (0)7700 900 123 and asked to remain anonymous.
phone|0044 7700 900862|The probation officer recorded father's new number, 0044 7700 900862, on the case management system.
phone|07700-900-245|Ward staff noted that mother could be reached on 07700-900-245 after discharge.
phone|07700.900.731|A text from 07700.900.731 was later found on the young person's phone.
phone|01632 960384|The GP surgery tried the landline, 01632 960384, twice without success.
phone|020 7946 0518|The London borough's duty desk (020 7946 0518) was contacted for information about the previous family address.
phone|(01632) 960 772|Maternal grandmother's landline, (01632) 960 772, was recorded on the contact sheet.
phone|07700900955|The school's contact list held an out-of-date mobile number, 07700900955, for father.
phone|+447700900310|Calls to +447700900310 went straight to voicemail throughout December.
phone|0207 946 0093|The private fostering arrangement was reported by a caller on 0207 946 0093.
phone|07700 900 608|Mother's friend rang 101 from 07700 900 608 to report the argument.
phone|01632-960-119|The housing association's notes give the tenant's number as 01632-960-119.
phone|+44 20 7946 0742|Father's employer could be reached on +44 20 7946 0742, according to his payslips.
phone|7700 900589|The young person gave her number as 7700 900589, dropping the leading zero.
phone|07700 900 044|The outreach worker texted 07700 900 044 to arrange the next visit.
phone|0163 296 0551|The nursery rang 0163 296 0551, the emergency contact, when the child was not collected.
phone|020-7946-0267|The neighbour who raised the concern left her number as 020-7946-0267.
phone|0044 (0) 1632 960 930|The health visitor's records give the family's landline as 0044 (0) 1632 960 930.
phone|07700 900199|Mother changed her mobile number to 07700 900199 after the incident.
phone|01632 960 205|The letter from the solicitor was headed tel. 01632 960 205.
phone|077009 00381|The allocated worker's notes list the step-father's mobile as 077009 00381.
email|shannon.tyas88@example.com|The school's letters were emailed to mother at shannon.tyas88@example.com.
email|bigmike_wolves@example.co.uk|Father corresponded with the housing officer from bigmike_wolves@example.co.uk.
email|j.ferreira-dos-santos@example.org|The interpreter booking was confirmed by email to j.ferreira-dos-santos@example.org.
email|NANNYBEV1956@EXAMPLE.NET|The grandmother wrote to the school from NANNYBEV1956@EXAMPLE.NET asking for a meeting.
email|liam.o'hare@example.com|The complaint was received from liam.o'hare@example.com on the Monday.
email|princess.kaylz@example.co.uk|The young person's school account had been linked to princess.kaylz@example.co.uk.
email|dwayne.c@example.org|The solicitor copied the letter to dwayne.c@example.org, the father's personal address.
email|mumof3_zoe@example.com|The health visitor noted that mother preferred contact via mumof3_zoe@example.com.
email|a.mahmood@nhs.example.uk|The paediatrician emailed a.mahmood@nhs.example.uk, the community nurse, about the weight loss.
email|kirsty.fennimore@example.gov.uk|The referral was sent from kirsty.fennimore@example.gov.uk without the consent section completed.
email|tjbrowning@example.net|Messages from tjbrowning@example.net were found on the child's tablet.
email|gregor+housing@example.com|Father set up gregor+housing@example.com to deal with the council about arrears.
email|babyrileymum@example.co.uk|A midwife exchanged messages with mother through babyrileymum@example.co.uk.
email|Stacey.Lowther@example.org|The note of the call was copied to Stacey.Lowther@example.org at the children's centre.
email|oskar_w2001@example.com|The student's college account had been forwarded to oskar_w2001@example.com.
email|h.achebe@example.ac.uk|The university welfare officer, h.achebe@example.ac.uk, was not aware of the pregnancy.
email|rayne.d@example.net|The young person gave rayne.d@example.net as her contact address on the sexual health form.
email|the.gradys@example.com|The family's joint address the.gradys@example.com was on the adoption file.
email|m.k.osullivan@example.org.uk|The school emailed m.k.osullivan@example.org.uk, which belonged to the father's new partner.
email|paulie_h1979@example.com|The anonymous allegation came from paulie_h1979@example.com, a newly created account.
email|connor.blakey@example.sch.uk|The head of year forwarded the concern from connor.blakey@example.sch.uk.
email|mariana.c@example.pt|Mother's sister in Portugal could be contacted at mariana.c@example.pt.
nhs_number|692 174 2180|The baby's NHS number, 692 174 2180, was written incorrectly on the child health record.
nhs_number|8096792903|The ED attendance was recorded under NHS no. 8096792903.
nhs_number|710-033-9073|The CP-IS flag sat against 710-033-9073, the older sibling's record.
nhs_number|579 383 4702|Mother's own NHS number (579 383 4702) was used on the maternity booking.
nhs_number|817 468 1450|A duplicate record with NHS number 817 468 1450 was merged in 2015.
nhs_number|484 019 1611|The out-of-hours GP service searched for 484 019 1611 and found no alert.
nhs_number|5610033071|Pharmacy records linked the prescription to 5610033071.
nhs_number|6661 934 514|The health visitor's transfer-in form quoted 6661 934 514.
nhs_number|550 612 3108|Child Health Information System entries for 550 612 3108 stop in March.
nhs_number|377 283 7832|Father's NHS number 377 283 7832 was found on the mental health referral.
nhs_number|826 616 6307|The radiology request for the skeletal survey gave the number 826 616 6307.
nhs_number|594-032-6994|Subsequent letters used 594-032-6994, the number allocated at birth.
nhs_number|561 113 9302|The walk-in centre record, NHS 561 113 9302, showed three earlier attendances.
nhs_number|755 972 9797|The safeguarding team added an alert to 755 972 9797 after the conference.
nhs_number|462 243 9336|The dental practice held the child under NHS number 462 243 9336.
nhs_number|310 843 6465|The school nurse could not match 310 843 6465 to any school-age child.
nhs_number|7748212376|The summary care record for 7748212376 showed no immunisations after 8 weeks.
nhs_number|799 143 3013|Maternity records for the unborn baby were later linked to 799 143 3013.
nhs_number|567 300 2459|Youth offending health staff recorded NHS no: 567 300 2459.
nhs_number|792 152 7582|The sexual health clinic saw the young person under 792 152 7582 and a different surname.
nhs_number|729 007 5404|The GP-to-GP transfer of 729 007 5404 took eleven weeks.
nhs_number|391 714 5219|The ambulance patient report form lists 391 714 5219.
nhs_number|378 502 5513|Discharge paperwork for 378 502 5513 was not sent to the health visitor.
nhs_number|8716 079 094|The paediatric liaison form quoted NHS 8716 079 094 for the younger child.
ni_number|HJ 41 27 93 B|Father's Universal Credit claim was verified against National Insurance number HJ 41 27 93 B.
ni_number|ew603118c|The DWP response quoted ew603118c for the mother.
ni_number|LP 558302 A|Mother's NINo, LP 558302 A, appeared on the tenancy application.
ni_number|RB-73-90-12-D|The payslips found at the home showed an NI number of RB-73-90-12-D.
ni_number|SX192746B|Probation recorded father's NI number as SX192746B.
ni_number|ym 30 71 84 a|The young person's new NI number, ym 30 71 84 a, arrived shortly after his sixteenth birthday.
ni_number|GW 86 05 39 C|The benefits letter addressed to maternal grandmother carried GW 86 05 39 C.
ni_number|OA 17 62 40 D|The employer's records linked the step-father to OA 17 62 40 D.
ni_number|TA481927C|Housing benefit was paid under TA481927C until the claim was suspended.
ni_number|ZR 23 45 91 B|A second NI number, ZR 23 45 91 B, was found on documents in the flat.
ni_number|ce 44 19 07 d|Mother gave ce 44 19 07 d when she registered with the Jobcentre.
ni_number|HP 90 16 28 A|The court bundle contains the father's NI number, HP 90 16 28 A.
ni_number|WL374015B|HMRC correspondence for WL374015B was sent to the old address.
ni_number|NR 61 08 52 C|The Child Benefit claim was made by the partner, NI NR 61 08 52 C.
ni_number|jb 72 94 30 a|The carer's allowance form listed jb 72 94 30 a.
ni_number|MA 05 38 76 D|The grandfather's pension record, MA 05 38 76 D, was checked during the viability assessment.
ni_number|SE841209A|The mother's new partner was traced through NI number SE841209A.
ni_number|PW 29 57 13 B|The Jobcentre work coach noted PW 29 57 13 B on her referral to the food bank.
ni_number|AK 63 20 48 C|Legal aid forms record the NI number AK 63 20 48 C.
ni_number|yx 15 87 66 d|The tenancy sustainment officer copied yx 15 87 66 d from the benefit letter.
ni_number|ET 70 44 19 A|Father's sick notes were linked to ET 70 44 19 A.
ni_number|RY 38 19 05 B|An NI check on RY 38 19 05 B showed no employment since 2011.
case_number|RX1 882 4471|The hospital number RX1 882 4471 appears on the skeletal survey request.
case_number|CR/0456712/14|Police crime reference CR/0456712/14 related to the assault on mother.
case_number|1873420|The child's LCS record (ID 1873420) was closed in error.
case_number|44/1187/13|The family court file 44/1187/13 was not made available to the review.
case_number|LL14C00392|The care proceedings were issued under case number LL14C00392.
case_number|03349127|Emergency department notes carry MRN 03349127 for the baby.
case_number|2214589|The referral was logged as Mosaic ref 2214589.
case_number|12/334876D|Father's criminal record was checked under PNC 12/334876D.
case_number|13000482917|The domestic abuse incident was recorded as occurrence 13000482917.
case_number|DV-2014-00871|The MARAC case number DV-2014-00871 was shared with the school.
case_number|H0927731|The paediatric ward records were filed under hospital no. H0927731.
case_number|772019|The contact on the front door system was recorded under CID 772019.
case_number|U45R7712|The prisoner's number, U45R7712, was quoted in the probation report.
case_number|ZE 4471/15|The coroner's reference for the inquest was ZE 4471/15.
case_number|FH/2013/1184|Early help records were under file FH/2013/1184 but were not linked.
case_number|0093821|The school's record for the child (SRN 0093821) was transferred late.
case_number|A820384102014|The unique pupil number A820384102014 was used to trace the child's previous schools.
case_number|5583102|The adult social care record (PID 5583102) mentioned the children only once.
case_number|0712-180215|The control room log, incident number 0712-180215, shows a grade 2 response.
case_number|41/22918/14|The investigation was closed under crime no. 41/22918/14 without charge.
case_number|2015/118827|A&E attendance 2015/118827 was coded as a fall from a sofa.
case_number|CYP-0043187|The letter from the children's disability team was headed Ref: CYP-0043187.
handle|@tiggz_xo|Officers found messages to the young person from the account @tiggz_xo.
handle|@real_deano77|He contacted her on Twitter as @real_deano77 after the injunction.
handle|lil.reece.x|The young person used the Snapchat name lil.reece.x to talk to the older males.
handle|@mumma.bear.kez|Mother posted about the children on Instagram as @mumma.bear.kez.
handle|kayla_xox_2003|The school's e-safety lead found that she used kayla_xox_2003 on Kik.
handle|@j_mcg_official|The older man's TikTok account, @j_mcg_official, had 4,000 followers.
handle|Shaz Bradders|Father was friends on Facebook with a profile called Shaz Bradders.
handle|@cheeky_chappie_09|He was grooming other children through @cheeky_chappie_09.
handle|bossman.t|The police digital team identified the user bossman.t on the gaming platform.
handle|@smokey_d_official|Drugs were being advertised from the Snapchat account @smokey_d_official.
handle|xXsilentwolfXx|The child had been talking to xXsilentwolfXx on Xbox Live.
handle|@ellesbelle22|A classmate reported the posts made by @ellesbelle22 to the head of year.
handle|PrincessNiamh14|The online profile PrincessNiamh14 gave her age as eighteen.
handle|@marcus.h.99|Screenshots from @marcus.h.99 were passed to the police.
handle|@TeamJacksonFam|The family's Twitter account, @TeamJacksonFam, named the school the children attended.
handle|d.kingg_|The young person's Instagram name d.kingg_ was shared at the strategy meeting.
handle|@bex_lou_xx|Mother's friend posted the photographs as @bex_lou_xx.
handle|@stevo.b.fitness|The step-father's Instagram account @stevo.b.fitness was public.
handle|youngdrilla_T|The exploitation team knew the boy online as youngdrilla_T.
handle|@ayesha.k.m|The threats were sent from @ayesha.k.m in a group chat.
handle|@lewisg_08|The boy's YouTube channel @lewisg_08 showed videos filmed inside the house.
handle|@lozzaxo|An anonymous account, @lozzaxo, posted the address of the foster placement.
handle|tayt.b|The young person listed snapchat: tayt.b on her profile.
vehicle|YK63 TWP|A neighbour noted the registration YK63 TWP of the car that dropped the young person off.
vehicle|bd14 xrm|The police ANPR check on bd14 xrm placed the vehicle on the motorway that evening.
vehicle|LR11NHJ|CCTV showed the girl getting into a blue Corsa, LR11NHJ, outside the takeaway.
vehicle|P482 GWT|Father was disqualified from driving but was stopped in a Transit, P482 GWT.
vehicle|FJZ 318V|Grandfather's old Cortina, FJZ 318V, was found abandoned near the canal.
vehicle|WN65 OPE|The taxi used to take the children to contact was WN65 OPE.
vehicle|Kx09 Ucd|The youth worker wrote down Kx09 Ucd after seeing the same car three nights running.
vehicle|R77 DEE|A private plate, R77 DEE, was registered to the mother's partner.
vehicle|GF16 ALO|The vehicle stopped by traffic officers, GF16 ALO, was not insured.
vehicle|N613 KBU|The car seat was fitted in a black Golf, registration N613 KBU.
vehicle|SA07 HMV|The police intelligence report linked SA07 HMV to the county lines network.
vehicle|ml58 wzs|The school's CCTV captured a silver Astra (ml58 wzs) waiting at the gate.
vehicle|V219 EOT|Father's van, V219 EOT, was seen outside the refuge.
vehicle|DU15 VLY|The car involved in the collision was a grey Qashqai, DU15 VLY.
vehicle|BHX 742T|An older Mini with the plate BHX 742T was parked outside the flat.
vehicle|EA62-NRF|The PNC check showed that EA62-NRF was registered to an address in another county.
vehicle|HG12 YBS|Officers attended after a report that HG12 YBS had been driven at the victim.
vehicle|S851 PNA|The pick-up, S851 PNA, was repossessed in 2014.
vehicle|LC64RTU|Mother told the social worker that the man drove LC64RTU.
vehicle|X31 JRL|Witnesses saw the young people leave in X31 JRL, a red Fiesta.
vehicle|OU13 KZE|The unmarked car that collected the girl from the children's home was OU13 KZE.
vehicle|7412 EU|The dateless registration 7412 EU was on father's motorbike.
vehicle|ny05ljo|A member of the public reported the registration ny05ljo to the police non-emergency line.
school|Greystones Primary Academy|The class teacher at Greystones Primary Academy noticed the child's weight loss.
school|St Aidan's RC Primary|Child F transferred to St Aidan's RC Primary in Year 3.
school|Bishop Wren CE Academy|A managed move to Bishop Wren CE Academy was agreed but never happened.
school|Tiny Steps Day Nursery|The baby attended Tiny Steps Day Nursery three mornings a week.
school|Little Explorers Pre-School|Staff at Little Explorers Pre-School recorded a bruise on the child's ear.
school|Marlowe Park Infant and Nursery School|The sibling was on roll at Marlowe Park Infant and Nursery School.
school|Thornhill Pupil Referral Unit|After the exclusion he was placed at Thornhill Pupil Referral Unit.
school|Beechcroft Special School|Beechcroft Special School provided transport every day.
school|Harrowfield Secondary|The DSL at Harrowfield Secondary had not been told of the child protection plan.
school|Kingsland Studio College|She enrolled at Kingsland Studio College for a BTEC course.
school|Queen Eleanor's Grammar School|Her brother passed the entrance test for Queen Eleanor's Grammar School.
school|Sunnyside Children's Centre Nursery|A place was offered at Sunnyside Children's Centre Nursery but not taken up.
school|Abbeymead Free School|Abbeymead Free School made a referral to the front door in October.
school|St Wilfrid's Catholic High School|The girl's attendance at St Wilfrid's Catholic High School dropped to 71%.
school|Holme Lea Junior and Infant School|The children were educated at Holme Lea Junior and Infant School until the move.
school|the Willows Nursery|Mother collected the twins from the Willows Nursery late on several occasions.
school|Redbrook Academy Trust's Moorside campus|He was at Redbrook Academy Trust's Moorside campus for less than a term.
school|Ravenscliffe Primary|The head teacher of Ravenscliffe Primary attended the core group.
school|Acorn Tree Montessori|The child had a funded two-year-old place at Acorn Tree Montessori.
school|Calder Vale High|Calder Vale High excluded him for a fixed term of five days.
school|Whitegate Lane Primary|Child G was a pupil at Whitegate Lane Primary.
school|Rainbow Bears Childminding|The childminder, trading as Rainbow Bears Childminding, looked after the baby on Fridays.
school|Northfield Park School|The school nurse at Northfield Park School saw her twice.
school|Heathcote University Technical College|The young person was enrolled at Heathcote University Technical College but rarely attended.
school|Lowther Bank Primary School|A referral was made by the learning mentor at Lowther Bank Primary School.
school|Brightstart Nursery|Brightstart Nursery closed the child's place after four weeks of non-attendance.
date_of_birth|03/11/2012|Child H (born 03/11/2012) was the youngest of four.
date_of_birth|3.11.12|The referral form gave DOB 3.11.12 for the child.
date_of_birth|14-Feb-2013|The hospital label read d.o.b. 14-Feb-2013.
date_of_birth|2nd May 2011|Her brother, born on the 2nd May 2011, was not included in the assessment.
date_of_birth|27/09/09|Date of birth: 27/09/09, according to the school admission form.
date_of_birth|19 June 2014|The baby was born at 34 weeks on 19 June 2014 and spent a month in neonatal care.
date_of_birth|2010-08-06|The police system recorded the boy's date of birth as 2010-08-06.
date_of_birth|21st of January 2015|The twins were born on the 21st of January 2015 by emergency caesarean.
date_of_birth|08.04.2001|The young person's DoB, 08.04.2001, meant she was 14 at the time.
date_of_birth|30/12/1996|Mother's date of birth (30/12/1996) showed she was 17 at the first pregnancy.
date_of_birth|Sept 5th 2012|The GP record gives the child's birth date as Sept 5th 2012.
date_of_birth|11 Mar 1988|The father, dob 11 Mar 1988, had a long history with the probation service.
date_of_birth|1/7/2013|Child J, b. 1/7/2013, was the subject of the pre-birth assessment.
date_of_birth|24th October 2008|He celebrated his sixth birthday shortly after the incident; his date of birth is 24th October 2008.
date_of_birth|16 August 2013|A baby boy was delivered at home on 16 August 2013 with no midwife present.
date_of_birth|09/03/14|The child health record shows the date of birth 09/03/14.
date_of_birth|April 28, 2012|The American adoption paperwork gave her birth date as April 28, 2012.
date_of_birth|22.10.1979|Maternal grandmother (date of birth 22.10.1979) was assessed as a connected person.
date_of_birth|5/11/2000|The young man, born 5/11/2000, was 15 at the time of the stabbing.
date_of_birth|17 Dec 2014|The birth was registered, giving a date of birth of 17 Dec 2014.
date_of_birth|12th July 2011|The pupil's record showed a birth date of 12th July 2011.
date_of_birth|29 February 2012|The leap-year baby, born 29 February 2012, was known to the neonatal team.
street_address|14 Cranbrook Terrace|The family were living at 14 Cranbrook Terrace, a privately rented house.
street_address|Flat 3b, Alder House, Wyvern Walk|Police were called to Flat 3b, Alder House, Wyvern Walk at 23:40.
street_address|27a Brindley Grove|Father moved into a bedsit at 27a Brindley Grove after his release.
street_address|62 Pottery Row|The health visitor visited 62 Pottery Row but no one answered.
street_address|9 Quarry Hill Rise|Maternal grandmother's house at 9 Quarry Hill Rise was assessed for overnight contact.
street_address|118 Sandringham Parade|The children were found alone at 118 Sandringham Parade.
street_address|Apartment 12, Victoria Mill, Canal Side|The young person was staying at Apartment 12, Victoria Mill, Canal Side.
street_address|5 Lark Rise Cottages|A neighbour at 5 Lark Rise Cottages reported shouting and a child crying.
street_address|33 Mafeking Street|The bail address was 33 Mafeking Street.
street_address|flat 7, 240 Beaumont Road|The girl was taken to flat 7, 240 Beaumont Road, where several adult males were present.
street_address|41 Glebe Gardens|Housing officers served notice at 41 Glebe Gardens.
street_address|The Old Forge, Main Street, Little Haxby|The family's home was The Old Forge, Main Street, Little Haxby.
street_address|2 Jubilee Cottages|The farm worker's cottage, 2 Jubilee Cottages, had no heating.
street_address|76 Wellington Hill West|The young person was reported missing from 76 Wellington Hill West.
street_address|Unit 4, Dockside Trading Estate|The car wash at Unit 4, Dockside Trading Estate was linked to exploitation.
street_address|19 St Helier's Walk|The social worker made an unannounced visit to 19 St Helier's Walk.
street_address|Room 6, Belvedere Lodge, 88 Cliff Road|The family were placed in Room 6, Belvedere Lodge, 88 Cliff Road, a bed and breakfast.
street_address|3 Nightingale Mews|Mother's new partner lived at 3 Nightingale Mews.
street_address|151 Harehills Lane|Police attended 151 Harehills Lane after a report of a disturbance.
street_address|12 Arkwright Way|The home at 12 Arkwright Way was described as cold and dirty.
street_address|8 the Paddocks|The children's aunt lived at 8 the Paddocks, two streets away.
street_address|55b Railway Terrace|Missing episodes all ended at 55b Railway Terrace.
person_name|Ms Wiśniewska|Ms Wiśniewska told the health visitor that she was managing.
person_name|Mr Adeyemi|The social worker spoke to Mr Adeyemi by phone about contact.
person_name|Jerome|Jerome (the older brother) often collected the younger children from school.
person_name|SHANICE BARLOW|The police log records the caller as SHANICE BARLOW, the children's aunt.
person_name|j. okafor|The GP letter was signed j. okafor, locum.
person_name|baby Mason|Ward staff described baby Mason as unusually quiet.
person_name|Tia-Mae|Tia-Mae, who was three, was found wandering in the street.
person_name|Nana Pat|The children spent weekends with Nana Pat, the paternal great-grandmother.
person_name|Smudge|Father was known locally by the nickname Smudge.
person_name|Kieran Doherty|The maternal uncle, Kieran Doherty, was living at the house at the time.
person_name|Mrs Hargreaves-Lowe|Mrs Hargreaves-Lowe, the foster carer, raised concerns about contact.
person_name|Dr Nwosu|The community paediatrician, Dr Nwosu, examined the child the next day.
person_name|PC Hollis|PC Hollis attended and took a statement from the neighbour.
person_name|Aleksandra|Mother's friend Aleksandra interpreted during the visit.
person_name|Leon Ashcroft-Bell|The young person's boyfriend, Leon Ashcroft-Bell, was 19.
person_name|Big Dave|The girls referred to the older man only as Big Dave.
person_name|Kai|Kai was excluded twice in Year 8.
person_name|MR T. GALLAGHER|The tenancy was in the name of MR T. GALLAGHER.
person_name|Chloe-Louise|Chloe-Louise told her teacher that Mummy had been crying all night.
person_name|Grandad Frank|The children were close to Grandad Frank, who died in 2013.
person_name|Ms Oyelaran-Smith|The school had been emailing Ms Oyelaran-Smith, who no longer lived with the children.
person_name|Bartosz|The social worker met Bartosz, the mother's partner, for the first time in May.
person_name|ruby-rose|Her sister ruby-rose was two years older.
person_name|Dean|Dean said he had never hit the children.
person_name|Amelia Fairclough|The referral came from Amelia Fairclough, the child's godmother.
person_name|Mr & Mrs Petrescu|The landlord, Mr & Mrs Petrescu, had not carried out repairs.
person_name|Lucas|The baby, Lucas, was admitted with a head injury.
person_name|Auntie Bev|The children stayed with Auntie Bev during the school holidays.
person_name|Harvey|The younger brother (Harvey) had speech delay.
person_name|kyle mcbride|The text message was signed kyle mcbride.
person_name|Miss Akhtar|Miss Akhtar, the class teacher, noticed the bruise.
person_name|Nathaniel Ogunleye|Nathaniel Ogunleye was the subject of a Section 47 enquiry in 2012.
person_name|Stacey|Stacey, the mother's best friend, was present at the birth.
person_name|Jayden|Nursery staff noticed that Jayden flinched when an adult raised a hand.
person_name|Mrs Danvers-Kirk|Mrs Danvers-Kirk, the headteacher, attended the strategy meeting.
person_name|Gerry|Mother's ex-partner, Gerry, was released from prison in June.
person_name|the Hendersons|The family shared the house with the Hendersons, who were also known to services.
person_name|Lily-Grace|Lily-Grace was not brought to the 2-year developmental review.
person_name|S. Mukherjee|The discharge summary was written by S. Mukherjee, the registrar.
person_name|Tommo|The boys were drawn into dealing by an older youth known as Tommo.
person_name|Mikey Connolly|CCTV showed Mikey Connolly leaving the flat at 02:00.
person_name|DC Farrimond|The officer in the case, DC Farrimond, was on leave for three weeks.
person_name|Precious|The children's mother, Precious, had arrived from Nigeria in 2010.
person_name|Uncle Rizwan|The boy said that Uncle Rizwan looked after him when mum was at work.
person_name|Sienna|Sienna disclosed to her friend that her step-father had touched her.
person_name|Mrs O'Driscoll|Mrs O'Driscoll rang the NSPCC helpline about the children next door.
person_name|Brandon|Brandon (aged 15) was found with a large amount of cash.
person_name|Mr Szymański|The family's interpreter, Mr Szymański, was a friend of father.
person_name|lacey-jade|The older girl signed her statement lacey-jade.
person_name|Roxanne Pye|Roxanne Pye gave a false name when she first registered with the practice.
person_name|Zac|The health visitor observed Zac being fed from a bottle propped on a cushion.
person_name|Ms Achieng|Ms Achieng, the family support worker, visited weekly.
person_name|Connor|Connor was arrested in the early hours of Sunday.
person_name|Hope|His sister Hope, aged six, was not seen alone.
person_name|Marlon Beckford|Marlon Beckford, the father of the baby, had convictions for violence.
person_name|Mummy Jo|The child referred to her foster carer as Mummy Jo.
person_name|Oliwia|The family's eldest, Oliwia, acted as interpreter for her parents.
person_name|DAVID PRENDERGAST|The court order named DAVID PRENDERGAST as the respondent.
person_name|baby Aaliyah|Post-mortem examination of baby Aaliyah found older rib fractures.
person_name|Mr Yilmaz|Mr Yilmaz, the landlord, let the police into the flat.
person_name|Rosie|Rosie told the school nurse that she did not have a bed.
person_name|Will|The older boy, Will, had been caring for his mother.
"""

# ordinary review prose holding no identifier
ORDINARY = """
The lead reviewer met the family's allocated social worker and her team manager together.
Section 11 of the Children Act 2004 places a duty on named agencies to safeguard children.
The referral was screened by the Multi-Agency Safeguarding Hub within 24 hours.
An Initial Child Protection Conference was convened on 7 July 2015, some 19 working days after the strategy discussion.
The practice review group met four times between November 2016 and March 2017.
There was a sense of hope among staff that the move would give the family a fresh start.
Grace, in the sense of forgiveness, was something the mother spoke about often.
The brown paper bag of medication was found unopened under the sink.
Roses had been left on the doorstep, but no one knew who had sent them.
Practitioners will need to consider how they record the voice of the child.
The gas bill had not been paid for three months and the supply was cut off.
Police used powers under section 46 of the Children Act 1989 to remove the children.
The thresholds document was revised in April 2016 following the Ofsted inspection.
Only 38 per cent of contacts resulted in a referral to children's social care.
The rapid review was completed within 15 working days, as required.
Working Together 2018, chapter 4, sets out the arrangements for local child safeguarding practice reviews.
The panel considered whether professional curiosity was evident in the health visiting records.
A Child and Family Assessment was started on 12 January 2016 and completed 45 working days later.
The review found no evidence that fathers were routinely invited to meetings.
Information sharing between adult mental health services and children's services was weak.
The Named Doctor provided a written summary of the paediatric involvement.
Paragraph 3.7 of the terms of reference asks about the role of the voluntary sector.
The ambulance service received 3 calls from the address during the review period.
The family were rehoused under Part VII of the Housing Act 1996.
Supervision was held monthly but rarely challenged the plan.
Neglect was the category of the child protection plan throughout.
The child's attendance fell below 85 per cent in the autumn term of Year 5.
The domestic abuse risk assessment scored 14 out of 24, which is a medium risk.
Mother's will to change was recognised by every practitioner who knew her.
The bill for the emergency repairs was passed to the landlord.
The family's faith community offered practical help after the baby's birth.
The Safeguarding Partnership commissioned this review on 2 February 2019.
There were 27 separate agency contacts with the household in 18 months.
The legal planning meeting on 16 October 2017 decided not to issue proceedings.
Staff in the emergency department followed the bruising protocol correctly.
The child protection medical took place the following morning.
The independent chair was appointed after a competitive process.
Schools are expected to notify the local authority when a child is removed from roll for elective home education.
Pre-birth assessments should start by 20 weeks of pregnancy under local procedures.
The young person was assessed as high risk on the child exploitation screening tool.
The child was first seen by a health visitor at 14 days old.
The lead reviewer interviewed 23 practitioners, some of them more than once.
Section 17 support was provided in the form of nursery funding and food vouchers.
A Team Around the Family meeting was arranged but cancelled twice.
The court granted a Special Guardianship Order in favour of the maternal aunt.
Mother's learning disability was not formally assessed until 2016.
The local authority's early help offer was reorganised in 2015.
The risk of sudden unexpected death in infancy was discussed at the 10-day visit.
Safe sleep advice was given by the midwife on two occasions.
The GP practice had three safeguarding leads in as many years.
The family was open to the Troubled Families programme for 11 months.
The Sexual Assault Referral Centre saw the young person within 72 hours.
The missing episode lasted 36 hours before she returned home.
Return home interviews were offered on 9 of 14 occasions.
The housing officer was not invited to the core group.
A Section 20 agreement was signed by mother in the early hours.
The child's weight was below the 0.4th centile at the 2-year review.
The review took account of the national panel's thematic report on sudden infant deaths.
The chronology was compiled from 9 agency returns.
Staff turnover in the team reached 40 per cent in 2017.
The Domestic Abuse Act 2021 recognises children as victims in their own right.
The MARAC heard the case on two occasions, in March and in September.
The Family Drug and Alcohol Court was not available in the area at that time.
Practitioners were working under significant pressure during the pandemic.
Mother was described by her health visitor as a bright and capable young woman.
The baby was discharged from the neonatal unit after 11 days.
Legal advice was that the threshold for proceedings was not met.
The panel noted the quality of the school's record keeping.
The child was placed on the child protection plan under the category of emotional abuse.
The second core group was held on 4 December, three weeks late.
Recommendation 5 asks the partnership to audit the use of the neglect toolkit.
Health visitors carried caseloads of more than 500 children.
The review covers the period from the booking appointment to the baby's death.
Father was remanded in custody and later sentenced to 30 months.
The paediatric registrar sought advice from the consultant on call.
A strategy meeting should have been held when the second bruise was seen.
Agencies gave their views in writing before the practitioner event.
The initial assessment lasted 35 working days and concluded with no further action.
The threshold guidance uses four levels of need.
Practitioners felt that the mother was disguising the extent of her drinking.
The social worker completed the assessment without seeing the children alone.
The review uses the language of the child's lived experience throughout.
Police attended 16 domestic incidents between 2013 and 2016.
The Care Quality Commission inspected the GP practice in 2017.
Young carers' services were not aware of the family.
Father's attendance at the perpetrator programme was 6 of 24 sessions.
The family support worker had a good relationship with both parents.
The child was seen at the walk-in centre with a burn to the hand.
The head of school acknowledged that the referral should have been made sooner.
The review team is grateful to the family for their contribution.
A joint visit by police and children's social care took place the same afternoon.
A Bill before Parliament at the time would have changed the duty on schools.
Brown bread, milk and nappies were delivered by the food bank.
The health visitor gave the parents the ICON leaflet about coping with crying.
The perinatal mental health team saw mother at 28 weeks.
The local authority designated officer was consulted about the allegation.
Some practitioners believed that the family were hard to reach; others that services were hard to reach.
No agency asked the young person what she wanted to happen.
The review concluded that the death could not have been predicted.
The board accepted all 8 recommendations at its meeting in July.
The learning from this review will be shared through 7-minute briefings.
Over 90 per cent of the practitioners who attended found the learning event useful.
The scale of the father's debt was not known to any agency.
A Rose Review of early reading was referred to by the school in their submission.
The patient safety team at the hospital reviewed the triage decision in 2018.
Mother said she would rather speak to a woman, and this was arranged.
Grace and Favour arrangements with the landlord were not recorded anywhere.
Several practitioners said that they felt out of their depth.
"""


def nhs_number_valid(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10:
        return False
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return (0 if check == 11 else check) == digits[9]


def corpus() -> dict:
    identifiers = []
    for line in IDENTIFIERS.strip().splitlines():
        kind, value, text = line.split("|")
        assert value in text, line
        assert kind != "nhs_number" or nhs_number_valid(value), line
        identifiers.append({"kind": kind, "value": value, "text": text})
    return {"identifiers": identifiers, "ordinary": ORDINARY.strip().splitlines()}


def main() -> None:
    text = yaml.safe_dump(corpus(), allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text("# Generated by benchmarks/detector_holdout.py from hand-written sentences: the\n"
                   "# held-out benchmark of the detectors. Do not tune the detectors on it.\n" + text,
                   encoding="utf-8")


if __name__ == "__main__":
    main()
