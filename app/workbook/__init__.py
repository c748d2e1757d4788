"""The workbook wing: Klasvormer's files in and out.

In: a canonical workbook, a CSV of learners with a settings workbook, pandas DataFrames, or an
edited plan workbook, read into an :class:`optimizer.Problem` with every input error located
(file, sheet, row, column). Out: the blank template, the plan workbook and the error workbook.
No planning state lives here (that is :mod:`app.planner`); nothing here knows the simulation.
"""

from app.workbook.errors_workbook import write_error_workbook
from app.workbook.export import write_plan_workbook
from app.workbook.frames import problem_from_frames
from app.workbook.importer import ImportFailed, ImportResult, load_problem, load_problem_or_raise
from app.workbook.issues import Issue
from app.workbook.reimport import is_plan_workbook, load_edited_plan
from app.workbook.template import write_input_workbook, write_template

__all__ = [
    "ImportFailed", "ImportResult", "Issue", "is_plan_workbook", "load_edited_plan", "load_problem",
    "load_problem_or_raise", "problem_from_frames", "write_error_workbook", "write_input_workbook",
    "write_plan_workbook", "write_template",
]
