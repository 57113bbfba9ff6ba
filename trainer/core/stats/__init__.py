"""The stats room: totals, streaks, the pain trend and the export, from the kept summary.

`aggregate` keeps the summary session by session; `figures` computes the numbers and `text`
their words, shared by the stats screen and `trainer stats`; `safety_history` words the
safety events; `export` writes the session log as a table.
"""
