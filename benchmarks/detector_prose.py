"""Ordinary review prose for the detector benchmark: sentences that hold no identifier, with
what most often fools a detector — agency and role names, meeting dates that are not dates of
birth, numbers that are not phone numbers, paragraph and section numbers, and names of virtues
and colours used as words. Written for this corpus; each sentence is fictional."""
from __future__ import annotations

import random

SENTENCES = """
The Strategy Discussion was held on 14 March 2014 and agreed a Section 47 enquiry.
Children's Social Care did not hold a Child Protection Conference within 15 working days.
The Health Visiting service saw the family eleven times between 2012 and 2014.
Paragraph 4.12.3 of the multi-agency procedures sets out what should happen next.
The Designated Safeguarding Lead raised the concern with the Local Authority Designated Officer.
There is hope that the new neglect strategy will make a difference.
Practitioners showed grace under considerable pressure during the winter.
The panel met on 3 September 2015, 12 November 2015 and 21 January 2016.
A 999 call was made at 07:45 and the ambulance arrived at 07:58.
The Early Help Assessment was completed on 02/06/2013 but not reviewed.
The Graded Care Profile 2 was not used, although the Neglect Strategy 2013 to 2016 required it.
Key Stage 2 results were not relevant to the younger children.
The review covers the period from 1 April 2012 to 31 August 2014.
The school nurse offered 3 appointments, of which 2 were missed.
Working Together to Safeguard Children 2015 sets out the duty to cooperate.
The Multi-Agency Safeguarding Hub received 1,250 contacts in that quarter.
The brown envelope containing the appointment letter was never opened.
Mother's faith was important to her, and the family attended church weekly.
Staff brought joy and warmth to the contact sessions, according to the family.
The practitioner showed patience when the father became angry.
The housing officer visited twice, on 8 May and 22 May 2013.
The Independent Reviewing Officer chaired the review on 17 October 2014.
The Core Group met 6 times in 9 months, against the expected 12 meetings.
The Paediatric Liaison Nurse passed the information to the GP practice.
The Police Public Protection Unit attended the Initial Child Protection Conference.
The Family Nurse Partnership was not offered because mother was over 24.
Two of the four recommendations in the 2013 audit had not been implemented by 2015.
The Local Safeguarding Children Board published its annual report in June 2015.
The learning event was attended by 42 practitioners from 11 agencies.
Children's Centre staff saw the baby at a weighing clinic in the spring.
The GP surgery held 3,400 registered patients in the relevant age group.
Section 7.2 describes the thresholds document in force at the time.
The care plan was reviewed at 6 weeks and again at 12 weeks.
The Head of Service for Early Help acknowledged the delay.
The Named Nurse for Safeguarding gave supervision every 8 weeks.
Supervision records from 2013 show that the case was discussed only once.
The child's weight fell from the 50th to the 2nd centile over 10 months.
The Hospital Trust has since changed its discharge planning procedure.
Royal College guidance on bruising in non-mobile infants was not followed.
There was little hope among professionals that the situation would improve.
The family court made an Interim Care Order on 5 March 2015.
A Child in Need plan was agreed on 19.02.2014 and closed on 30.06.2014.
By 31.07.2015 every agency had reported progress against its action plan.
The chronology runs to 487 entries across 8 agencies.
The panel thanks the practitioners who took part for their openness.
The case was transferred between 4 social workers in 18 months.
The referral rate rose by 12 per cent between 2013 and 2014.
Domestic abuse notifications were shared with schools under Operation Encompass.
The Common Assessment Framework was replaced by the Early Help Assessment in 2013.
The Children Act 1989 and the Children Act 2004 set the legal framework.
The baby was seen at 6 weeks, 8 weeks and 12 weeks for immunisations.
Ofsted judged the service to require improvement in its 2014 inspection.
The Adult Mental Health team discharged father after two missed appointments.
Mother rang the duty line several times that week, but no record was kept of the calls.
The chair of the panel is independent of the agencies involved.
The Serious Case Review Subgroup recommended a review on 9 December 2014.
Grace periods for rent arrears had been extended twice.
A Brown and Ward framework was referred to in the training materials.
The home was described as cluttered, with little food in the kitchen.
Agencies were asked to provide Individual Management Reviews by 30 April 2015.
Recommendation 3 asks the board to seek assurance within 6 months.
The Youth Offending Service had no contact with the family.
The Probation Service supervised father on licence until 2013.
The Health Visitor used the Ages and Stages Questionnaire at 27 months.
The threshold for a Child Protection Plan was met by the summer of 2014.
Child B2 was not included in the scope of this review.
Father 2 declined to meet the lead reviewer.
The school's attendance officer made 14 home visits during the year.
Practitioners described the mother as warm and loving but overwhelmed.
The Lead Professional role was never clearly allocated.
The family had lived in the area for about 7 years.
The report was presented to the board on 22 June 2016 and published on 13 July 2016.
Version 4.2 of the report incorporates the family's comments.
The A&E department saw the child on 3 occasions in 2013.
The child was weighed on 14 occasions and each weight was plotted on the chart.
There were 1,412 days between the first referral and the final incident.
Education Welfare officers had 240 open cases each at the time.
The NSPCC helpline received no calls about the family.
The case was closed to Early Help on 28/11/2013 following a step-down.
The GP practice used EMIS and the health visitors used SystmOne.
A Strategy Meeting on 4 April considered the police information.
The Hope Project offered a parenting programme which mother attended twice.
Summer holidays interrupted the pattern of attendance at nursery.
The Ruby Award for service was given to the team in 2016, after the period of the review.
Page 65 of the procedures describes the escalation route.
The conference was rescheduled from 10:00 to 14:00 on the same day.
The child's development was assessed at 2 years and 2 years 6 months.
In May the family was referred again; in June the case was closed.
Mark-ups on the draft showed the agencies' comments in different colours.
The service received 35 referrals a week in 2014, rising to 48 a week in 2015.
The threshold document of April 2014 replaced the earlier version of 2011.
Mother told the health visitor that she would try harder.
The panel considered whether the child's race and culture were understood.
The legal planning meeting took place on 25 February 2015.
No interpreter was needed, as both parents spoke English fluently.
The child protection medical took place at 16:30 on a Friday.
The nursery's safeguarding policy was last reviewed in 2012.
The father's criminal record held convictions from 2004 and 2009.
Telephone contacts are recorded in the chronology as 'TC' with the time of the call.
Practice improved after the Signs of Safety model was introduced in 2015.
A review of 25 similar cases found the same pattern of missed appointments.
Faith groups were not asked whether they knew the family.
The panel accepted 9 of the 10 recommendations made by agencies.
The children were aged 4, 2 and 8 months at the time of the incident.
""".strip().split("\n")

AGENCIES = ["Children's Social Care", "the Police", "the Health Visiting service",
            "the GP practice", "the Early Years Support Team", "the Hospital Trust",
            "the Education Welfare Service", "Adult Social Care", "the Housing Service",
            "the Midwifery service"]
MONTHS = "January February March April May June July August September October November December"
FRAMES = ["{agency} accepted the finding at the panel meeting of {date}.",
          "{agency} had {n} contacts with the family between {y1} and {y2}.",
          "An action plan from {agency} was signed off on {date}.",
          "{agency} reported on recommendation {r} at the meeting of {date}.",
          "{agency} has reduced caseloads to {n} per worker since {y2}."]


def ordinary(seed: int = 11, extra: int = 60) -> list[str]:
    """The hand-written sentences and `extra` made from frames with agencies, dates and
    counts: the figures a review is full of."""
    rng = random.Random(seed)
    made = []
    for i in range(extra):
        date = f"{rng.randint(1, 28)} {rng.choice(MONTHS.split())} {rng.randint(2012, 2016)}"
        y1 = rng.randint(2010, 2013)
        made.append(FRAMES[i % len(FRAMES)].format(
            agency=rng.choice(AGENCIES), date=date, n=rng.randint(3, 40), y1=y1,
            y2=y1 + rng.randint(1, 3), r=rng.randint(1, 12)))
    made = [m[0].upper() + m[1:] for m in made]
    return SENTENCES + made


ORDINARY = ordinary()
