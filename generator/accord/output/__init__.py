"""Results as text: reports, briefings, GitHub Markdown, exports; imports agreement and below."""
