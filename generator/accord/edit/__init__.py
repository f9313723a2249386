"""Commands that write OKR files (in place, or a new repository); imports output and below."""
