"""synopsis' reader (Textual) and command line. Reads only the comparator layer's results."""

__version__ = "0.1.0"
