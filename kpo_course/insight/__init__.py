"""What a graded class tells the instructor: what to re-teach, and the files an LMS imports.

- :mod:`.handin`: a learner's quiz and exercise progress as one file to hand in (``kpo.progress.export()``).
- :mod:`.data`: gradebooks and hand-in files read into one table of answers.
- :mod:`.stats`: facility, discrimination, misconceptions, mastery per claim.
- :mod:`.report`: ``kpo-course report``: the CSVs and the offline ``report.html``.
- :mod:`.lms`: the gradebook as Canvas and Moodle import it; the quiz bank as Moodle XML.

>>> from kpo_course.insight import stats
>>> stats.point_biserial([1, 0, 1, 0], [4, 1, 3, 2]) > 0.8
True
"""
