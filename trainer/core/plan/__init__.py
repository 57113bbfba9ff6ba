"""The plan room: from screening answers and the catalogue to today's plan for one person.

`screening` turns answers into an outcome; `safety` is the one policy on whether a session
may start; `tailoring` builds today's plan; `progression` moves a dose up or back.
"""
