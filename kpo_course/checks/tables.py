"""Reading a learner's pandas answer: a table compared row by row, a Series as a plain dict.

pandas is imported inside the functions, when an answer is checked, so ``import kpo_course``
stays light.

>>> import pandas as pd
>>> as_mapping(pd.Series({"India": 1, "Poland": 2}))
{'India': 1, 'Poland': 2}
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from .kinds import Checker, Text, Verdict, as_number, describe, names_text, say, table


def _sorted_rows(frame: Any, columns: Sequence[str]) -> Any:
    """``frame[columns]`` with rows in a fixed order and a fresh 0..n-1 index."""
    part = frame[list(columns)].reset_index(drop=True)
    order = part.astype(str).sort_values(list(columns)).index
    return part.loc[order].reset_index(drop=True)


def rows_table(
    expected: Callable[[], Any],
    columns: Sequence[str],
    *,
    right: Text,
    slips: Callable[[Any], Verdict | None] | None = None,
    only: bool = False,
) -> Checker:
    """A DataFrame compared with ``expected()`` on ``columns``, ignoring row order and index.

    ``slips(answer)`` may return a Verdict for a known mistake (it sees the raw answer).
    ``only``: the question asks for only these columns, so a table with more is not right.

    >>> import pandas as pd
    >>> want = pd.DataFrame({"firm": ["GE", "AmEx"], "year": [1997, 1994]})
    >>> check = rows_table(lambda: want, ["firm", "year"], right=say("Right.", "Rätt."))
    >>> check(want.iloc[::-1].set_index("firm", drop=False)).correct, check(want[["firm"]]).result
    (True, {'reason': 'columns', 'missing': ['year']})
    >>> rows_table(lambda: want, ["firm"], right=say("Right.", "Rätt."), only=True)(want).result
    {'reason': 'extra_columns', 'extra': ['year']}
    """
    listed = ", ".join(f'"{c}"' for c in columns)

    def check(answer: Any) -> Verdict:
        import pandas as pd

        if slips is not None:
            verdict = slips(answer)
            if verdict is not None:
                return verdict
        if isinstance(answer, pd.Series):
            return Verdict(False, say(
                f"That is a Series, a single column. The table needs the columns {listed}: "
                f"select them with double brackets, table[[{listed}]].",
                f"Det är en Series, en enda kolumn. Tabellen behöver kolumnerna {listed}: "
                f"välj dem med dubbla hakparenteser, tabell[[{listed}]]."), {"reason": "series"})
        if not isinstance(answer, pd.DataFrame):
            if as_number(answer) is not None:
                return Verdict(False, say(
                    "That is a number. The question asks for the table itself (a DataFrame), not a count.",
                    "Det är ett tal. Frågan gäller själva tabellen (en DataFrame), inte ett antal."),
                    {"reason": "number"})
            given = describe(answer)
            return Verdict(False, say(
                f"Expected a pandas table (a DataFrame), but got {given['en']}.",
                f"Förväntade en pandas-tabell (en DataFrame), men fick {given['sv']}."),
                {"reason": "type"})
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            have = names_text(answer.columns, 10)
            return Verdict(False, say(
                f"The table needs the column(s) {', '.join(missing)}; it has {have or 'none'}.",
                f"Tabellen behöver kolumnen/kolumnerna {', '.join(missing)}; den har {have or 'inga'}."),
                {"reason": "columns", "missing": missing})
        extra = [c for c in answer.columns if c not in columns]
        if only and extra:
            return Verdict(False, say(
                f"The question asks for only the columns {listed}; your table also has "
                f"{names_text(extra, 6)}{' and more' if len(extra) > 6 else ''}. Pick just those columns: "
                f"table.loc[condition, [{listed}]].",
                f"Frågan gäller bara kolumnerna {listed}; din tabell har också "
                f"{names_text(extra, 6)}{' med flera' if len(extra) > 6 else ''}. Välj bara de kolumnerna: "
                f"tabell.loc[villkor, [{listed}]]."),
                {"reason": "extra_columns", "extra": [str(c) for c in extra[:20]]})
        try:
            want = _sorted_rows(expected(), columns)
            got = _sorted_rows(answer, columns)
        except Exception:  # duplicate column names, unorderable cells: say so, never raise
            return Verdict(False, say(
                f"The table could not be compared: keep exactly one column of each name ({listed}).",
                f"Tabellen gick inte att jämföra: ha exakt en kolumn av varje namn ({listed})."),
                {"reason": "uncomparable"})
        verdict = table(lambda: want, columns=list(columns))(got)
        return Verdict(True, right, {}) if verdict.correct else verdict

    return check


def as_series_dict(answer: Any) -> dict[str, Any] | None:
    """A Series (or one-column DataFrame) as ``{str(index): value}``; None for anything else.

    >>> import pandas as pd
    >>> as_series_dict(pd.DataFrame({"n": [3, 1]}, index=["legal", "finance"])), as_series_dict({"a": 1})
    ({'legal': 3, 'finance': 1}, None)
    """
    import pandas as pd

    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None
    return {str(k): v for k, v in answer.items()}


def as_mapping(answer: Any) -> dict[str, Any] | None:
    """A dict, a Series or a one-column DataFrame as a plain ``{str: value}`` dict; None for anything else.

    Unlike :func:`as_series_dict` it takes dicts too, and gives None for more than 1000 values
    or a Series with a label twice (that cannot be one value per label).

    >>> import pandas as pd
    >>> as_mapping({2026: 12.5}), as_mapping(pd.Series([1, 2], index=["a", "a"])), as_mapping([1])
    ({'2026': 12.5}, None, None)
    """
    import pandas as pd

    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if isinstance(answer, pd.Series):
        if len(answer) > 1000 or answer.index.has_duplicates:
            return None  # a label twice cannot be one value per label
        return {str(k): v for k, v in answer.items()}
    if isinstance(answer, Mapping):
        if len(answer) > 1000:
            return None
        return {str(k): v for k, v in answer.items()}
    return None
