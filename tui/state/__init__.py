"""The reader's plain state and work, without Textual: comparing in a child process, review marks."""
