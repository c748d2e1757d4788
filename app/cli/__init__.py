"""The ``klasvormer`` command: plans, trade-off studies, simulations and templates without a screen."""

from app.cli.klasvormer import main

__all__ = ["main"]
