"""The session room: the live session, a state machine on an injected clock.

`machine` keeps time and the record; `view` is what the screen draws; `words` its cues;
`summary` the end-of-session lines; `clock` the real and the fake time sources.
"""
