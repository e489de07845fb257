"""The workspace status: version, region, AWS identity and the Studio app we run in."""
