"""CodeCommit clone: list the account's repositories and clone one into the workspace."""
