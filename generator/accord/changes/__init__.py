"""What git remembers: states compared, each objective's history; imports resolve and below."""
