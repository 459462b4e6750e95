"""regeldruk: measure administrative burden in Dutch youth care and propose what to cut."""

__version__ = "0.1.0"
