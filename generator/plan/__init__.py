"""Stage 4, plan: which documents a request makes, and what each one's template is given.

``documents`` decides the deliverables of a request (the closing set, a month's reserve lists, an
invoice) and computes their figures into each one's context; ``spec`` is what one deliverable is,
kept light so that worker processes can receive it without the deal model. Nothing here renders.
"""
