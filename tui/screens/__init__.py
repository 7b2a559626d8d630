"""The reader's screens and dialogs, each with its stylesheet beside it."""
