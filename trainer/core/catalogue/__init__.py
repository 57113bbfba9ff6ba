"""The catalogue room: `exercises.toml` read once, strictly, into frozen types.

`loader` reports every problem at once; `model` holds the types everything downstream reads;
`cache` keeps the parsed catalogue between starts; `equipment` names the fixed equipment.
"""
