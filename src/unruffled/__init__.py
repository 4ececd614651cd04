"""Unruffled: an interactive Jupyter course on handling difficult customers.

Engines (quiz, role-play, coach) are plain Python; widgets are thin views
over them. Heavy modules are imported lazily so ``import unruffled`` is cheap.
"""

__version__ = "0.1.0"
