"""An answer's value out of the student's kernel as plain data (never pickle).

In the kernel, :func:`kernel_grader` prints one line tagged with ``MARK`` and a nonce that holds
:func:`encode_answer`'s data; the grader reads it back with :func:`decode_answer`.

    >>> decode_answer(encode_answer((1, "two", [3.5, None])))
    (1, 'two', [3.5, None])
"""
from __future__ import annotations

import contextlib
import json
import re
import sys
from typing import Any, Callable

__all__ = ["Opaque", "encode_answer", "decode_answer"]

MARK = "KPO-GRADER"
CAPTURE_OUTPUT_LIMIT = 64 * 2**20     # characters a grader cell may print (a large table answer)


class Opaque(Exception):
    """The answer is not plain data (a Figure, a function, a huge value): judge it in the kernel."""


_FLOAT_DTYPES = re.compile(r"^(u?int(8|16|32|64)|float(16|32|64)|complex(64|128)|bool|bool_|str_?|object|"
                           r"U\d+|<U\d+|string|category|boolean|Int(8|16|32|64)|UInt(8|16|32|64)|Float(32|64)|"
                           r"datetime64\[(ns|us|ms|s)\]|timedelta64\[(ns|us|ms|s)\]|"
                           r"datetime64\[(ns|us|ms|s), UTC\])$")
_MAX_DEPTH = 40


class _Budget:
    def __init__(self, items: int = 2_000_000, chars: int = 32 * 2**20) -> None:
        self.items, self.chars = items, chars

    def spend(self, items: int = 1, chars: int = 0) -> None:
        self.items -= items
        self.chars -= chars
        if self.items < 0 or self.chars < 0:
            raise Opaque("the answer is too large to grade")


def encode_answer(value: Any, _budget: _Budget | None = None, _depth: int = 0) -> Any:
    """``value`` as JSON-ready tagged data, or :class:`Opaque` when it is not plain data.

    >>> decode_answer(encode_answer({"a": [1, 2.5, None]}))
    {'a': [1, 2.5, None]}
    """
    budget = _budget or _Budget()
    if _depth > _MAX_DEPTH:
        raise Opaque("the answer is nested too deeply")
    budget.spend()
    kind = type(value)
    if value is None:
        return ["none"]
    if value is ...:
        return ["ellipsis"]
    if kind is bool:
        return ["bool", value]
    if kind not in (int, float, complex, str, list, tuple, dict, set, frozenset):
        encoded = _encode_library_value(value, budget, _depth)  # numpy and pandas first: np.float64 is a float
        if encoded is not None:
            return encoded
    if isinstance(value, int):
        try:
            text = int.__repr__(value)
        except ValueError as error:  # more digits than int->str allows
            raise Opaque("the number is too long") from error
        return ["int", text]
    if isinstance(value, float):
        return ["float", float.__repr__(value)]
    if isinstance(value, complex):
        return ["complex", float.__repr__(value.real), float.__repr__(value.imag)]
    if isinstance(value, str):
        text = str.__str__(value)
        budget.spend(chars=len(text))
        return ["str", text]
    if isinstance(value, (bytes, bytearray)):
        raise Opaque(f"a {kind.__name__}")
    if isinstance(value, dict):
        return ["dict", [[encode_answer(k, budget, _depth + 1), encode_answer(v, budget, _depth + 1)]
                         for k, v in list(dict.items(value))]]
    for tag, base in (("list", list), ("tuple", tuple), ("set", set), ("frozenset", frozenset)):
        if isinstance(value, base):
            return [tag, [encode_answer(item, budget, _depth + 1) for item in list(base.__iter__(value))]]
    raise Opaque(f"a {kind.__module__}.{kind.__qualname__}")


def _encode_library_value(value: Any, budget: _Budget, depth: int) -> list | None:
    import datetime
    import decimal
    import fractions

    numpy = sys.modules.get("numpy")
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        encoded = _encode_pandas(value, pandas, budget, depth)
        if encoded is not None:
            return encoded
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["timedelta", value.days, value.seconds, value.microseconds]
    if isinstance(value, decimal.Decimal):
        return ["decimal", str(value)]
    if isinstance(value, fractions.Fraction):
        return ["fraction", str(value.numerator), str(value.denominator)]
    if numpy is not None:
        if isinstance(value, numpy.generic):
            dtype = str(value.dtype)
            if not _FLOAT_DTYPES.match(dtype) or dtype == "object":
                raise Opaque(f"a numpy {dtype}")
            return ["np", dtype, encode_answer(value.item(), budget, depth + 1)]
        if isinstance(value, numpy.ndarray):
            dtype = str(value.dtype)
            if not _FLOAT_DTYPES.match(dtype):
                raise Opaque(f"a numpy array of {dtype}")
            budget.spend(items=int(value.size))
            return ["ndarray", dtype, list(value.shape), encode_answer(value.ravel().tolist(), budget, depth + 1)]
    return None


def _encode_index(index: Any, pandas: Any, budget: _Budget, depth: int) -> list:
    if isinstance(index, pandas.RangeIndex):
        return ["range", index.start, index.stop, index.step, encode_answer(index.name, budget, depth + 1)]
    if isinstance(index, pandas.MultiIndex):
        return ["multi", encode_answer([tuple(t) for t in index.tolist()], budget, depth + 1),
                encode_answer(list(index.names), budget, depth + 1)]
    return ["index", str(index.dtype), encode_answer(index.tolist(), budget, depth + 1),
            encode_answer(index.name, budget, depth + 1)]


def _encode_pandas(value: Any, pandas: Any, budget: _Budget, depth: int) -> list | None:
    if value is pandas.NA:
        return ["NA"]
    if value is pandas.NaT:
        return ["NaT"]
    if isinstance(value, pandas.Timestamp):
        return ["timestamp", value.isoformat()]
    if isinstance(value, pandas.Timedelta):
        return ["pdtimedelta", int(value.value)]
    if isinstance(value, pandas.Series):
        budget.spend(items=len(value))
        return ["series", str(value.dtype), encode_answer(value.tolist(), budget, depth + 1),
                _encode_index(value.index, pandas, budget, depth), encode_answer(value.name, budget, depth + 1)]
    if isinstance(value, pandas.DataFrame):
        budget.spend(items=int(value.size))
        columns = [["series", str(value.dtypes.iloc[i]), encode_answer(value.iloc[:, i].tolist(), budget, depth + 1)]
                   for i in range(value.shape[1])]
        return ["frame", columns, _encode_index(value.columns, pandas, budget, depth),
                _encode_index(value.index, pandas, budget, depth)]
    if isinstance(value, pandas.Index):
        return ["pdindex", _encode_index(value, pandas, budget, depth)]
    return None


class _Unreadable(Exception):
    """Tagged data that does not decode: the grader's line was forged or broken."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise _Unreadable(what)


def decode_answer(data: Any, _depth: int = 0) -> Any:
    """The value :func:`encode_answer` described (raises on anything malformed)."""
    _expect(_depth <= _MAX_DEPTH + 5 and isinstance(data, list) and data and isinstance(data[0], str), "shape")
    tag, args = data[0], data[1:]

    def arg(i: int, kind: type | tuple) -> Any:
        _expect(len(args) > i and isinstance(args[i], kind) and not (kind is int and isinstance(args[i], bool)),
                f"{tag} argument {i}")
        return args[i]

    def items(i: int) -> list:
        return [decode_answer(x, _depth + 1) for x in arg(i, list)]

    simple: dict[str, Callable[[], Any]] = {
        "none": lambda: None,
        "ellipsis": lambda: ...,
        "bool": lambda: arg(0, bool),
        "int": lambda: int(arg(0, str)),
        "float": lambda: float(arg(0, str)),
        "complex": lambda: complex(float(arg(0, str)), float(arg(1, str))),
        "str": lambda: arg(0, str),
        "list": lambda: items(0),
        "tuple": lambda: tuple(items(0)),
        "set": lambda: set(items(0)),
        "frozenset": lambda: frozenset(items(0)),
    }
    if tag in simple:
        return simple[tag]()
    if tag == "dict":
        pairs = arg(0, list)
        result = {}
        for pair in pairs:
            _expect(isinstance(pair, list) and len(pair) == 2, "dict item")
            result[decode_answer(pair[0], _depth + 1)] = decode_answer(pair[1], _depth + 1)
        return result
    return _decode_library_value(tag, args, arg, _depth)


def _decode_library_value(tag: str, args: list, arg: Callable, depth: int) -> Any:
    import datetime
    import decimal
    import fractions

    if tag == "datetime":
        return datetime.datetime.fromisoformat(arg(0, str))
    if tag == "date":
        return datetime.date.fromisoformat(arg(0, str))
    if tag == "timedelta":
        return datetime.timedelta(days=arg(0, int), seconds=arg(1, int), microseconds=arg(2, int))
    if tag == "decimal":
        return decimal.Decimal(arg(0, str))
    if tag == "fraction":
        return fractions.Fraction(int(arg(0, str)), int(arg(1, str)))
    if tag == "np":
        import numpy
        dtype = arg(0, str)
        _expect(bool(_FLOAT_DTYPES.match(dtype)) and dtype != "object", "numpy dtype")
        return numpy.dtype(dtype).type(decode_answer(arg(1, list), depth + 1))
    if tag == "ndarray":
        import numpy
        dtype, shape = arg(0, str), arg(1, list)
        _expect(bool(_FLOAT_DTYPES.match(dtype)) and all(isinstance(n, int) and n >= 0 for n in shape), "array")
        flat = decode_answer(arg(2, list), depth + 1)
        array = numpy.empty(len(flat), dtype=object)
        array[:] = flat if flat else []
        return array.astype(dtype).reshape(shape) if dtype != "object" else array.reshape(shape)
    import pandas
    if tag == "NA":
        return pandas.NA
    if tag == "NaT":
        return pandas.NaT
    if tag == "timestamp":
        return pandas.Timestamp(arg(0, str))
    if tag == "pdtimedelta":
        return pandas.Timedelta(arg(0, int))
    if tag == "series":
        values = _pandas_values(arg(0, str), decode_answer(arg(1, list), depth + 1), pandas)
        index = _decode_index(arg(2, list), pandas, depth)
        return pandas.Series(values, index=index, name=decode_answer(arg(3, list), depth + 1))
    if tag == "frame":
        columns = []
        for column in arg(0, list):
            _expect(isinstance(column, list) and len(column) == 3 and column[0] == "series", "frame column")
            _expect(isinstance(column[1], str) and isinstance(column[2], list), "frame column")
            columns.append(_pandas_values(column[1], decode_answer(column[2], depth + 1), pandas))
        labels = _decode_index(arg(1, list), pandas, depth)
        index = _decode_index(arg(2, list), pandas, depth)
        _expect(len(labels) == len(columns) and all(len(c) == len(index) for c in columns), "frame shape")
        frame = pandas.DataFrame({i: pandas.Series(c, index=index) for i, c in enumerate(columns)}, index=index)
        frame.columns = labels
        return frame
    if tag == "pdindex":
        return _decode_index(arg(0, list), pandas, depth)
    raise _Unreadable(f"unknown tag {tag!r}")


def _pandas_values(dtype: str, values: Any, pandas: Any) -> Any:
    _expect(isinstance(values, list), "values")
    if _FLOAT_DTYPES.match(dtype) and dtype != "object":
        try:
            return pandas.array(values, dtype=dtype)
        except (TypeError, ValueError, OverflowError):
            pass
    return pandas.array(values, dtype=object) if dtype == "object" else values


def _decode_index(data: Any, pandas: Any, depth: int) -> Any:
    _expect(isinstance(data, list) and data and isinstance(data[0], str), "index")
    kind = data[0]
    if kind == "range":
        _expect(len(data) == 5 and all(isinstance(n, int) and not isinstance(n, bool) for n in data[1:4]), "range")
        return pandas.RangeIndex(data[1], data[2], data[3] or 1, name=decode_answer(data[4], depth + 1))
    if kind == "multi":
        _expect(len(data) == 3, "multi")
        tuples = decode_answer(data[1], depth + 1)
        names = decode_answer(data[2], depth + 1)
        _expect(isinstance(tuples, list) and all(isinstance(t, tuple) for t in tuples), "multi tuples")
        if not tuples:
            return pandas.MultiIndex.from_arrays([[] for _ in names], names=names)
        return pandas.MultiIndex.from_tuples(tuples, names=names)
    _expect(kind == "index" and len(data) == 4 and isinstance(data[1], str), "index")
    values = _pandas_values(data[1], decode_answer(data[2], depth + 1), pandas)
    return pandas.Index(values, name=decode_answer(data[3], depth + 1))


def kernel_grader(nonce: str, language: str) -> Callable[[str, Callable[[], Any]], None]:
    """Made by the grader's first cell, before any student code: ``capture(qid, thunk)``.

    It prints one tagged line with the answer as data (and, for the record and for answers
    that are not data, the verdict of the ``check`` captured now). Runs inside the kernel.
    """
    from .. import checks, i18n

    check, set_language, get_language = checks.check, i18n.set_language, i18n.get_language
    stream = sys.stdout
    write, flush, dumps, encode = stream.write, stream.flush, json.dumps, encode_answer

    def capture(question_id: str, thunk: Callable[[], Any]) -> None:
        record: dict[str, Any] = {"q": question_id}
        try:
            value = thunk()
        except BaseException as error:  # NameError, an interrupt: say what, never raise
            record["error"] = f"{type(error).__name__}: {error}"[:500]
        else:
            record["type"] = type(value).__name__[:80]
            try:
                record["value"] = encode(value)
            except Opaque as why:
                record["opaque"] = str(why)[:200]
            except BaseException as error:
                record["opaque"] = f"{type(error).__name__}"
            before = get_language()
            try:
                set_language(language)
                feedback = check(question_id, value)
                record["kernel"] = {"correct": feedback.correct, "message": str(feedback.message)[:4000]}
            except BaseException as error:
                record["kernel_error"] = f"{type(error).__name__}: {error}"[:500]
            finally:
                with contextlib.suppress(Exception):
                    set_language(before)
        try:
            text = dumps(record, ensure_ascii=True)
        except BaseException as error:
            text = dumps({"q": question_id, "error": f"the answer could not be written ({type(error).__name__})"})
        if len(text) > CAPTURE_OUTPUT_LIMIT - 1000:
            record.pop("value", None)
            record["opaque"] = "the answer is too large to grade"
            text = dumps(record, ensure_ascii=True)
        write(f"\n{MARK} {nonce} {text}\n")
        flush()

    return capture
