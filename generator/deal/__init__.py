"""The deal: its model (the agreement's facts), loading from YAML and validation.

Stages 1 and 2 of the pipeline: :func:`load.load` reads a deal file, remembering where every
value stands; :func:`validate.validate` turns it into a :class:`model.Deal` or reports every
problem at once.
"""
