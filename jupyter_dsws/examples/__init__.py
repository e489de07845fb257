"""The example notebooks shipped in the package (one per model of the team's inventory),
and the route that copies them into the workspace."""
