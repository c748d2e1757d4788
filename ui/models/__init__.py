"""Qt table models, one module per table: thin adapters over rows built by the app layer.

:mod:`ui.models.base` holds what they share (columns, :class:`~ui.models.base.RowTableModel`,
sort roles, drag and drop of learner ids); import each model from its own module.
"""
