"""'Ontregel de zorg': reduction proposals from the catalogue, the time log and the law.

- settings.py    the organisation's figures (organisatie.toml)
- measured.py    what the time log says about each form (minutes, how often, the period)
- quantities.py  how often a form is filled in per year: the QuantitySource seam
- fields.py      what a field is: effort, fact or measurement, personal data
- burden.py      the Standard Cost Model per form
- places.py      names, regions and execution variants of the municipalities
- rules.py       the grounds table: which ground a proposal may cite for what
- model.py       proposals, themes, addressees, actions
- themes.py      the themes and the proposals they make, per addressee
- combine.py     one burden model: proposals on the same form combine, gain <= burden
- ids.py         stable proposal ids from content
- report.py      the report and its JSON (regeldruk/proposals@1)
"""

from regeldruk.proposals.report import SCHEMA, ProposalReport, build_report, report_for

__all__ = ["SCHEMA", "ProposalReport", "build_report", "report_for"]
