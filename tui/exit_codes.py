"""The exit codes of the `synopsis` command, in one place."""

EXIT_BAD_INPUT = 2  # a story, option or output file the command cannot use; one line on stderr
EXIT_INTERRUPTED = 130  # ctrl-c, as shells report SIGINT
