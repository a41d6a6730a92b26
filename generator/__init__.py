"""closingdocs: closing deliverables and covenant reports for a securities purchase agreement.

Pipeline: load -> validate -> compute -> render -> write (see :func:`generator.build.build`).
"""
from .errors import ClosingDocsError
from .options import Options

__all__ = ["build", "ClosingDocsError", "Options"]
__version__ = "0.1.0"


def __getattr__(name):  # build() is imported on first use, keeping `closingdocs` start-up light
    if name == "build":
        from .build import build  # on first use: `closingdocs --help` does without the pipeline

        return build
    raise AttributeError(name)
