"""What an admin can configure about cloning (``c.CodeCommitClone.<trait>``)."""

from __future__ import annotations

from traitlets import Float, Int, List, Unicode, validate
from traitlets.config import Configurable

from ..config_bounds import positive, zero_or_more
from .validate import FORBIDDEN_SCHEMES


class CodeCommitClone(Configurable):
    """The Repositories panel: which remotes may be cloned, and how long a clone may take."""

    allowed_schemes = List(
        Unicode(),
        default_value=["https", "codecommit"],
        config=True,
        help=(
            "URL schemes a person may clone from: https, codecommit (git-remote-codecommit's "
            "codecommit:: URLs) and, for a mirror inside the network, http. ext, fd and file "
            "are never allowed. Default: ['https', 'codecommit']."
        ),
    )

    allowed_hosts = List(
        Unicode(),
        default_value=[],
        config=True,
        help=(
            "Host names a typed URL may point at, e.g. ['git-codecommit.eu-central-1."
            "amazonaws.com', 'github.com']. Default: [] (any host). Repository names "
            "always clone from the region's CodeCommit host."
        ),
    )

    extra_git_protocols = List(
        Unicode(),
        default_value=[],
        config=True,
        help=(
            "Transports git may use besides allowed_schemes (GIT_ALLOW_PROTOCOL), for when a "
            "url.<base>.insteadOf rewrite sends an allowed URL elsewhere, e.g. ['http'] for "
            "`dsws demo`'s local git server. A person still cannot type these. Default: []."
        ),
    )

    clone_timeout_seconds = Float(
        900.0,
        config=True,
        help="Seconds a clone may take before it is stopped and its folder removed. "
             "Default: 900 s (15 min).",
    )

    stall_timeout_seconds = Float(
        60.0,
        config=True,
        help="Seconds a clone may receive nothing before it is stopped as stalled (an "
             "endpoint that accepts connections and never answers). Default: 60 s.",
    )

    max_running_clones = Int(
        4,
        config=True,
        help="Clones that may run at once on this server; more are refused (429). Default: 4.",
    )

    scan_depth = Int(
        3,
        config=True,
        help=(
            "How many folder levels below root_dir are searched for clones of the listed "
            "repositories (to show 'Open' instead of 'Clone'); a typed name or URL is looked "
            "up in the whole of root_dir (at most 5,000 folders). Default: 3. 0 turns both "
            "searches off."
        ),
    )

    list_ttl_seconds = Float(
        60.0,
        config=True,
        help=(
            "Seconds the account's repository list is kept and shared by every tab and "
            "person of this server before CodeCommit is asked again (a person's Refresh reads "
            "afresh; where each is cloned is read every time). Longer saves CodeCommit calls; "
            "shorter shows new repositories sooner. Default: 60 s. 0 keeps nothing "
            "(identical reads in flight are still shared)."
        ),
    )

    suggested_urls = List(
        Unicode(),
        default_value=[],
        config=True,
        help=(
            "Clone URLs the panel suggests, before those of Studio's CodeRepositories "
            "(JupyterLabAppSettings of the domain, user profile and space, read once when "
            "the server runs in Studio). Default: []."
        ),
    )

    @validate("allowed_schemes", "extra_git_protocols")
    def _validate_schemes(self, proposal: dict) -> list[str]:
        values = [v.strip().lower() for v in proposal["value"] if v.strip()]
        forbidden = sorted(set(values) & FORBIDDEN_SCHEMES)
        if forbidden:
            raise ValueError(f"{', '.join(forbidden)} cannot be allowed: they run commands or "
                             "read the server's disk.")
        return list(dict.fromkeys(values))

    _positive = positive("clone_timeout_seconds", "stall_timeout_seconds")
    _zero_or_more = zero_or_more("max_running_clones", "scan_depth", "list_ttl_seconds")
