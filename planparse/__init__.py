"""planparse: read a council's published improvement action plan into structured data.

    >>> from planparse import parse
    >>> plan = parse("action-plan.docx")
    >>> plan.to_dict()  # the interchange format, ../shared/schema/actionplan.schema.json v1

This package never imports Django: it is used by the web app, the CLI and anyone else.
"""

from .api import parse
from .errors import ParseError
from .layout import describe
from .model import Action, Due, Plan, Reading, Recommendation, Source, Warning
from .options import LAYOUTS, ROLES, Hints, Options

__all__ = ["LAYOUTS", "ROLES", "Action", "Due", "Hints", "Options", "ParseError", "Plan", "Reading", "Recommendation",
           "Source", "Warning", "describe", "parse"]
