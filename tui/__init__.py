"""synopsis' reader (Textual) and command line. Reads only the comparator layer's results."""
