"""The instance picker: which instance a workload needs, what it costs, and switching to it."""
