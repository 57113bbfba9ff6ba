"""backtrainer: a full-screen terminal trainer for lower-back exercises."""

__version__ = "0.1.0"
