"""The planner wing: the services behind the desktop window, without Qt.

A :class:`Session` holds what was opened, the problem, the plan with its locks and the planner's
edits; planning runs the solver for it, editing moves learners and locks, capacity edits teachers
and rooms, project saves and reopens all of it in one file, geo holds the map data.
"""

from app.planner.editing import EditError, PlanState
from app.planner.project import load_project, save_project
from app.planner.recovery import RecoverySlot
from app.planner.session import Session, erase_learner, open_path

__all__ = ["EditError", "PlanState", "RecoverySlot", "Session", "erase_learner", "load_project",
           "open_path", "save_project"]
