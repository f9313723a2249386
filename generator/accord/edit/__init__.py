"""Commands that write OKR files, in place through inplace.py; imports output and below."""
