"""The Plan and budget page: funding streams and plan lines, and their dialogs."""
