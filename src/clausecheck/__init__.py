"""clausecheck: check education-technology vendor contracts against a rulebook of required provisions."""

__version__ = "0.1.0"
