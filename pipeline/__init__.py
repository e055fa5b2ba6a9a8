"""conflict-claims: armed-conflict figures with who claimed them and where it says so."""

__version__ = "0.1.0"
