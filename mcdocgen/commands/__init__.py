"""The commands: one use case each (check a catalog, review a change, try an expression), calling the
stages below in order. ``cli`` only parses arguments and calls these."""
