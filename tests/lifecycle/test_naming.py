import hashlib
import re

from jupyter_dsws.lifecycle.naming import MANAGED_TAG, is_ours, lcc_name


def test_name_carries_version_and_script_hash():
    script = "#!/bin/bash\necho hi\n"
    digest = hashlib.sha256(script.encode()).hexdigest()[:8]
    assert lcc_name(script, "0.1.0") == f"dsws-0-1-0-{digest}"
    assert lcc_name(script.encode(), "0.1.0") == lcc_name(script, "0.1.0")
    assert lcc_name(script + "\n", "0.1.0") != lcc_name(script, "0.1.0")


def test_name_fits_the_api_pattern():
    name = lcc_name(b"x", "1.2.3rc1+local.build")
    assert re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", name)


def test_tag_marks_ours():
    assert is_ours([{"Key": "team", "Value": "ds"}, MANAGED_TAG])
    assert not is_ours([{"Key": "dsws:managed", "Value": "false"}])
