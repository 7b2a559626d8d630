"""What the reader draws, without Textual: the views' layouts, styled text, wrapping, lookups."""
