"""Every exit status the trainer and its commands return, declared once.

Plain numbers, so importing this costs nothing and works where a signal is missing; the
signal ones are what a shell reports for a process that signal ended (128 + its number),
checked against the `signal` module in tests/test_exit_codes.py.
"""

from __future__ import annotations

#: Done as asked.
EXIT_OK = 0
#: Something went wrong that is not the person's input (an export that could not be written).
EXIT_FAILURE = 1
#: The person quit rather than start fresh without a damaged state file: the file is kept.
EXIT_STATE_KEPT = 1
#: Input the trainer cannot work with: bad arguments, TRAINER_SPEED, an unusable catalogue,
#: a state file from a newer trainer.
EXIT_BAD_INPUT = 2
#: The terminal hung up (SIGHUP).
EXIT_HANGUP = 128 + 1
#: Ctrl+C (SIGINT).
EXIT_INTERRUPT = 128 + 2
#: The reader of a command's output closed the pipe (SIGPIPE), as for `cat`.
EXIT_CLOSED_PIPE = 128 + 13
#: Asked to stop (SIGTERM).
EXIT_TERMINATED = 128 + 15
