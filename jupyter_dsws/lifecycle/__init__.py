"""Studio lifecycle configurations: build the offline install, publish it, attach it."""
