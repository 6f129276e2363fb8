"""The Child B1 example with what other kinds of review need of action plans: a plan in the
Home Office DHR template's columns, grouped by theme, from a body outside the partnership,
with scopes, key milestones, a row whose actions are still to be agreed and a completed row;
and overview recommendations addressed to bodies outside the partnership."""
from pathlib import Path

from conftest import ROOT, copy_workspace, edit

AGENCY = """  - id: dfe
    name: Department for Education
    outside: true
"""
RECOMMENDATIONS = """  - id: overview-iv
    to: Department for Education
    owner: Independent Chair of the Safeguarding Children Board
    text: |
      That statutory guidance says how a local authority's legal services take part in Serious
      Case Reviews.
  - id: overview-v
    to: Child Safeguarding Practice Review Panel
    text: |
      That the national panel gathers what reviews have learnt of failure to thrive.
repeated:"""
PLAN = """agency: dfe
caption: Response of the Department for Education
columns: home_office
group_by: theme
rows:
  - "no": "1"
    answers: [overview-iv]
    recommendation: |
      Guidance will say how legal services take part in reviews.
    scope: national
    actions:
      - Consult on revised guidance.
    lead: Safeguarding Policy Unit
    deadline: March 2017
    milestones:
      - text: Consultation opened
        date: 2016-09-30
        done: 2016-09-12
      - text: Revised guidance published
        date: March 2017
    themes: [Legal]
    status: in_progress

  - "no": "2"
    recommendation: |
      Regional standards for training on failure to thrive.
    scope: regional
    pending: |
      The regional safeguarding leads meet in November 2016 to agree them.
    lead: Regional safeguarding leads
    themes: [Training]

  - "no": "3"
    recommendation: |
      A protocol with legal services for the review of Child B1.
    scope: local
    actions:
      - Agree the protocol with legal services.
    lead: Local authority solicitor
    deadline: 2016-04-30
    completed: 2016-04-15
    status: complete
    outcome: |
      The protocol is agreed and in use.
"""


def outside_plan(target: Path) -> Path:
    """A fresh copy of the example, with the plan and recommendations above."""
    ws = copy_workspace(ROOT, target)
    edit(ws, "review/panel.yml", "  - id: legal\n", AGENCY + "  - id: legal\n")
    edit(ws, "review/recommendations.yml", "repeated:", RECOMMENDATIONS)
    (ws / "action_plans" / "dfe.yml").write_text(PLAN, encoding="utf-8")
    return ws
