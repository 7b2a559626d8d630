"""The widgets the main screen is made of: header, sources pane, aligned view, detail pane, search bar."""
