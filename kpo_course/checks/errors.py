"""Python errors a business student meets in an answer cell, explained in plain words.

A check that finds its answer cell stopped with an error names the error and, when it
is a common one, says what it usually means and how to fix it.

>>> advice("TypeError: Cannot perform 'rand_' with a dtyped [int64] array and scalar of type [bool]")["en"][:40]
'This usually means two conditions joined'
>>> advice("TypeError: boolean value of NA is ambiguous")["en"][:40]
'This usually means two conditions joined'
>>> advice("ZeroDivisionError: division by zero") is None
True
"""
from __future__ import annotations

import re

from .kinds import Text, say

#: (pattern in "ErrorType: message", plain explanation). The first match wins.
_KNOWN: tuple[tuple[str, Text], ...] = (
    (r"^TypeError: .*(rand_|ror_|'&'|'\|'|unsupported operand type\(s\) for [&|]|boolean value of NA is ambiguous)", say(
        "This usually means two conditions joined by & without brackets: write (table[\"a\"] == 1) & "
        "(table[\"b\"] == 2), each condition in its own brackets.",
        "Det betyder oftast två villkor förenade med & utan parenteser: skriv (table[\"a\"] == 1) & "
        "(table[\"b\"] == 2), varje villkor inom egna parenteser.")),
    (r"^ValueError: The truth value of a (Series|DataFrame) is ambiguous", say(
        "Between two conditions on a table, use & (and) or | (or), each condition in brackets, not the words "
        "and/or.",
        "Mellan två villkor på en tabell används & (och) eller | (eller), varje villkor inom parentes, inte "
        "orden and/or.")),
    (r"^ValueError: can only convert an array of size 1", say(
        ".item() needs exactly one value, but your condition kept none or several rows: print the rows first and "
        "make the condition pick one.",
        ".item() kräver exakt ett värde, men ditt villkor behöll inga eller flera rader: skriv ut raderna först och "
        "gör villkoret så att det väljer en.")),
    (r"^KeyError: ", say(
        "The table has no column (or row) by that name: check the spelling and capitals against the table's "
        "columns, e.g. print(table.columns).",
        "Tabellen har ingen kolumn (eller rad) med det namnet: kontrollera stavning och stora bokstäver mot "
        "tabellens kolumner, t.ex. print(table.columns).")),
    (r"^NameError: ", say(
        "A name in the cell is not defined yet: run the cells above it first, or check its spelling.",
        "Ett namn i cellen är inte definierat än: kör cellerna ovanför först, eller kontrollera stavningen.")),
    (r"^(SyntaxError|IndentationError)", say(
        "Python could not read the cell: look for a missing bracket, quote or colon, or a number written with a "
        "comma.",
        "Python kunde inte läsa cellen: leta efter en parentes, ett citattecken eller ett kolon som saknas, eller "
        "ett tal skrivet med komma.")),
    (r"^AttributeError: .*'(str|int|float)' object has no attribute", say(
        "The value is plain text or a number, not a table: the table method does not exist on it.",
        "Värdet är vanlig text eller ett tal, inte en tabell: tabellens metod finns inte för det.")),
    (r"^TypeError: .*takes \d+ positional arguments? but \d+ (were|was) given", say(
        "A value was given by its place where the function wants it by its name: write it as name=value, "
        "e.g. include_switching_back=True, not a bare True.",
        "Ett värde gavs på sin plats där funktionen vill ha det med namn: skriv det som namn=värde, "
        "t.ex. include_switching_back=True, inte ett ensamt True.")),
    (r"^ValueError: Cannot subset columns with a tuple", say(
        "To pick several columns, put their names in a list inside the brackets, with double brackets: "
        "table[[\"a\", \"b\"]], not table[\"a\", \"b\"].",
        "För att välja flera kolumner, sätt namnen i en lista inom hakparenteserna, med dubbla hakparenteser: "
        "table[[\"a\", \"b\"]], inte table[\"a\", \"b\"].")),
)


def advice(error: str) -> Text | None:
    """Plain words for a common error (given as ``"KeyError: 'x'"``), or None when there are none.

    >>> advice("KeyError: 'Year'")["sv"][:22]
    'Tabellen har ingen kol'
    """
    for pattern, text in _KNOWN:
        if re.search(pattern, error):
            return text
    return None
