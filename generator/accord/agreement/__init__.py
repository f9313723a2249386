"""What a pull request asks, and of whom: review, briefs, routing; imports check and below."""
