"""Files and git into documents: OKR files with positions, git, the schemas; imports model."""
