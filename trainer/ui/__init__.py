"""The Textual shell: renders core state and forwards keys."""
