"""Files and git into documents: the only YAML and git users, the schemas; imports model."""
