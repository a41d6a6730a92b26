"""Stage 4, render: which documents a request makes, and each one's single HTML source.

``documents`` plans the deliverables and their figures; ``environment`` renders them through
sandboxed Jinja templates found on the search path of ``locate``; ``filters`` write figures
as lawyers write them; ``markup`` parses the HTML into the blocks both writers share;
``guards`` keeps a Buyer's name out of a public document without its consent.
"""
