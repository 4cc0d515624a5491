"""The inspection report, on the web: its narrative, its builds and its publication (issue 11).

- ``models``: the narrative the inspectors write (plain text, never markup), practice examples
  chosen from the cases flagged in assessment, recommendations, the report's publication status
  (django-fsm-2), factual accuracy comments and the frozen published versions.
- ``narrative``: one service per change to the words; each checks, saves and audits, and
  refuses words naming a case (the core's guard, naming the place) without storing them.
- ``data.report_data``: an inspection's records → the core's ``ReportData`` (ratings from
  ``results.services.live`` with the panel's decisions; methodology counted from the samples).
- ``flow.build``: the one flow the pages and ``sufficiency report build --inspection`` call.
- ``workflow``: draft → factual accuracy check → published (→ reissued), one service each.
- ``access``: who sees a report (a provider's quality team: its own provider's, from the
  factual accuracy check on) and who may write, comment and publish.
"""
