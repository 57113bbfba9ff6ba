"""Plain (non-TUI) commands: each prints to stdout and returns an exit status."""
