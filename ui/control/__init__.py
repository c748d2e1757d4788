"""The controller's parts: the hub (session, undo stack, signals) and one module per concern (see :mod:`ui.controller`)."""
