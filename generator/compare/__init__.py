"""Two versions of a deal compared: the facts that changed, the figures and dates that move, and the
words of every document (``closingdocs diff``); the blacklines are drawn from the same comparison."""
