"""A person's own preferences in a space several people share (not a panel: every panel's)."""
