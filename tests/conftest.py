"""Shared by every test folder: pytest-jupyter's server fixtures (jp_fetch, jp_serverapp)."""

pytest_plugins = ["pytest_jupyter.jupyter_server"]
