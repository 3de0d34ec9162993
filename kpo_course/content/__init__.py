"""The course's knowledge as validated data: glossary, domains, cases, quizzes and more.

>>> from kpo_course.content import load
>>> from kpo_course.i18n import localize
>>> content = load()
>>> localize(content.domains[5].name, "sv")
'Juridiska tjänster'

Everything comes from the YAML files in ``kpo_course/content/data/`` (see
``docs/content.md``). :func:`load` checks them all and raises one
:class:`ContentError` naming file, entry and field of every problem. This package
imports only the standard library and PyYAML; the pandas view is ``kpo_course.data``.
"""
from __future__ import annotations

from .loader import DATA_DIR, load
from .schema import (
    CLAIM_IDS, Case, Choice, Classed, Classification, CommonWrong, Content, ContentError, Country, Course, Criterion,
    Decision, DecisionOption, Domain, EngagementModel, Exercise, Fact, Figure, Group, Gsli,
    GsliDimension, GsliRank, GsliScore, HiddenCost, Item, Lesson, MarketEstimate, Mitigation,
    Objective, Problem, Question, Quiz, Reason, Risk, Source, Support, Task, Term, Text,
)

__all__ = [
    "CLAIM_IDS", "DATA_DIR", "Case", "Choice", "Classed", "Classification", "CommonWrong", "Content", "ContentError",
    "Country", "Course", "Criterion", "Decision", "DecisionOption", "Domain", "EngagementModel",
    "Exercise", "Fact", "Figure", "Group", "Gsli", "GsliDimension", "GsliRank", "GsliScore",
    "HiddenCost", "Item", "Lesson", "MarketEstimate", "Mitigation", "Objective", "Problem",
    "Question", "Quiz", "Reason", "Risk", "Source", "Support", "Task", "Term", "Text",
    "classification", "load",
]


def classification(case_id: str) -> Classification:
    """The domains, motivations and benefits the course's text supports for one case.

    Quiz and exercise keys use it, so a key can never disagree with the data:

    >>> rio = classification("rio_tinto_cpa_global")
    >>> rio.ids("domains")
    ('legal_services',)
    >>> rio.allows("motivations", "lower_cost_offshore"), rio.allows("motivations", "experts_without_training")
    (True, False)
    >>> classification("thomson_reuters_pangea3").ids("motivations")  # an acquisition, not outsourcing
    ()
    """
    return load().by_id("cases", case_id).classification
