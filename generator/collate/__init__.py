"""``closingdocs collate``: signed pages back into the execution version of each document.

``returned`` reads the PDFs given (untrusted input: bounded, each unreadable file named), ``identify`` finds
each page's place (its page identifier, or its caption where the identifier is cropped), ``assemble`` makes
the execution versions, ``report`` says what is in, missing, duplicated or unknown, and ``pipeline`` runs
them and writes the set under ``output/<deal>/executed/``.
"""
