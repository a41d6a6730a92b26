"""Stage 5, render: each planned document's single HTML source.

``environment`` renders the documents ``plan`` decided on through sandboxed Jinja templates found on
the search path of ``locate``; ``filters`` write figures as lawyers write them; ``markup`` parses the
HTML into the blocks both writers share; ``guards`` keeps a Buyer's name out of a public document
without its consent.
"""
