"""Idle shutdown: stops idle kernels, terminals and the app itself, never what is working."""
