"""The settings file's schema — the settings dataclasses themselves — and its errors in words.

``config.py`` declares the settings: frozen dataclasses, each setting a field made with
``setting()``, typed with its range (``Annotated[int, Meta(ge=0, le=3650)]``,
``Literal[…]``, a ``Check`` for what a type cannot say). This module reads a TOML
file's data and the ``VIVER_*`` variables against them:

- each setting's dotted key (``printers.label``) makes the tables on its way; a field
  whose type is a frozen dataclass is a table whose keys are that dataclass's fields, a
  ``tuple[Dataclass, ...]`` an array of tables (``[[media_kinds]]``);
- every table refuses keys it does not have, and every value is converted by msgspec,
  strictly (a TOML string is never taken for a number, a float never for a whole number,
  ``true`` never for 1), with its ``Meta`` range;
- ``read(cls, data, …)`` returns ``cls`` built from what was given (defaults for the
  rest), or raises ``SettingsInvalid`` with one line per problem — every problem, not
  the first — naming the file and line (found in the text by ``key_lines``: tomllib
  keeps no positions) or the variable, and for an unknown key the nearest valid one.

msgspec rather than pydantic: the same strict typed conversion, and ``load_settings``
runs at every start, before the counter's first frame — imported after Textual, msgspec
took 8–12 ms there and pydantic 0.32–0.45 s (the shared development machine, loaded).
Generic over the dataclass, stdlib + msgspec only: the foundation may import it.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields, is_dataclass, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, get_args, get_origin, get_type_hints

import msgspec

from viver_tui.locale import t
from viver_tui.locale.formatting import format_number

_SETTING = "viver_setting"
MAX_SHOWN_VALUE = 40  # characters of a wrong value quoted back (a pasted file stays out)

# The schema's own records are NamedTuples, not frozen dataclasses: this module is
# imported before the counter's first frame, and a frozen dataclass compiles six methods from
# source as its class is made (~0.7 ms each class here; a NamedTuple ~0.1 ms).

Loc = tuple[str | int, ...]
Problems = list[tuple[Loc, dict[str, Any]]]  # where, and what is wrong there


class Declared(NamedTuple):
    """What ``setting()`` says about a field (see config.py's docstring)."""

    key: str | None  # dotted, where the value lives in the file; None: the field's name
    env: str | Mapping[str, str] | None  # a variable, or {table key: variable}
    explain: str | None  # catalogue key: what a valid value is
    merge: Callable[[Any, Any], Any] | None  # (default, from the file) → the value


def setting(
    key: str | None = None,
    default: Any = MISSING,
    *,
    default_factory: Callable[[], Any] | Any = MISSING,
    env: str | Mapping[str, str] | None = None,
    explain: str | None = None,
    merge: Callable[[Any, Any], Any] | None = None,
) -> Any:
    """A dataclass field read from the settings file at ``key`` (a dotted path:
    ``"printers.spool_retention_days"``), overridden by the variable ``env``; its type
    annotation is its schema. Inside a table's dataclass (``PrinterSettings``) the key is
    the field's name: use ``setting(default=…, explain=…)`` there to say what is valid."""
    return dataclasses.field(
        default=default,
        default_factory=default_factory,
        metadata={_SETTING: Declared(key, env, explain, merge)},
    )


def declared(field: dataclasses.Field[Any]) -> Declared | None:
    return field.metadata.get(_SETTING)


class Refused(ValueError):
    """Raised by a ``Check``: ``what`` the value must be («key» må være …), or a whole
    ``sentence`` saying what is wrong («key»: …)."""

    def __init__(self, what: str = "", sentence: str = "") -> None:
        super().__init__(what or sentence)
        self.what = what
        self.sentence = sentence


class Check(NamedTuple):
    """In ``Annotated[T, Check(fn)]``: the value, once msgspec has converted it to
    ``written_as`` (default ``T``), is passed to ``fn``, which returns the value to keep
    or raises ``Refused``. ``what`` is the catalogue key for what a valid value is."""

    fn: Callable[[Any], Any]
    what: str = "config.what.valid"
    written_as: Any = None


class Keyed(NamedTuple):
    """In ``Annotated[tuple[Dataclass, ...], Keyed("key")]``: a table of tables, one per
    item, named by the item's ``field`` (``[companies.viverfilm]``). Any name may stand
    there; each table is checked against the dataclass (without the naming field, and
    without insisting on fields an existing item has), and the setting's ``merge`` gets
    ``{name: {key: value given}}`` to lay over its default."""

    field: str


class SettingsInvalid(Exception):
    """The settings are wrong: ``problems`` holds one line each, in the language in use."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- the schema ---------------------------------------------------------------------


def _split(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """``Annotated[T, a, b]`` → ``(T, (a, b))``; anything else → ``(hint, ())``."""
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        return base, tuple(extras)
    return hint, ()


def _table_class(hint: Any) -> type | None:
    base, _ = _split(hint)
    return base if isinstance(base, type) and is_dataclass(base) else None


def _keyed(hint: Any) -> tuple[type, str] | None:
    """(the item's dataclass, its naming field) of a ``Keyed`` table of tables."""
    base, extras = _split(hint)
    keyed = next((e for e in extras if isinstance(e, Keyed)), None)
    args = get_args(base)
    if keyed is None or get_origin(base) is not tuple or not args:
        return None
    table = _table_class(args[0])
    return (table, keyed.field) if table is not None else None


def _array_class(hint: Any) -> type | None:
    base, _ = _split(hint)
    args = get_args(base)
    if get_origin(base) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _table_class(args[0])
    return None


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls, include_extras=True)


class _Leaf(NamedTuple):
    field: dataclasses.Field[Any]
    hint: Any
    info: Declared


@cache
def _tree(cls: type) -> dict[str, Any]:
    """The file's layout for ``cls``: nested dicts of tables, ``_Leaf`` at each setting."""
    tree: dict[str, Any] = {}
    for field in fields(cls):
        info = declared(field)
        if info is None:
            continue  # not a setting (e.g. where the settings came from)
        if info.key is None:
            raise TypeError(f"{cls.__name__}.{field.name}: setting() needs its key")
        *tables, leaf = info.key.split(".")
        node = tree
        for table in tables:
            node = node.setdefault(table, {})
            if not isinstance(node, dict):
                raise TypeError(f"{info.key}: {table} is a value and a table")
        if leaf in node:
            raise TypeError(f"{info.key}: declared twice")
        node[leaf] = _Leaf(field, _hints(cls)[field.name], info)
    return tree


def setting_keys(cls: type) -> list[Loc]:
    """Every key the file may hold for ``cls``, tables' keys included (for the example
    file's test)."""
    found: list[Loc] = []

    def walk(node: dict[str, Any], prefix: Loc) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                walk(value, (*prefix, key))
                continue
            keyed = _keyed(value.hint)
            table = _table_class(value.hint) or _array_class(value.hint)
            if keyed is not None:
                cls, name = keyed
                found.extend((*prefix, key, "*", f.name) for f in fields(cls) if f.name != name)
            elif table is None:
                found.append((*prefix, key))
            else:
                found.extend((*prefix, key, f.name) for f in fields(table))

    walk(_tree(cls), ())
    return found


# --- reading ------------------------------------------------------------------------


class Source(NamedTuple):
    """Where the values came from, to say where a wrong one is."""

    path: Path
    text: str  # the file's text ("" without a file)
    variables: dict[Loc, str]  # the value at this path came from this variable


def read(
    cls: type,
    data: Mapping[str, Any],
    path: Path,
    text: str,
    environ: Mapping[str, str],
    *,
    extra: Mapping[str, Any] | None = None,
    other_variables: tuple[str, ...] = (),
) -> Any:
    """``cls`` built from the file's ``data`` (parsed ``text`` at ``path``) and the
    variables in ``environ``; ``extra`` are further constructor arguments. Raises
    SettingsInvalid."""
    raw, variables, problems = _with_variables(cls, data, environ, other_variables)
    in_file: Problems = []
    # The file on its own first: a wrong value in it is reported even while a variable
    # overrides it (it would bite the day the variable is gone) …
    _check_tree(data, _tree(cls), (), in_file)
    lines = [_problem(loc, found, Source(path, text, {})) for loc, found in in_file]
    # … then with the variables, whose own problems are named by the variable.
    source = Source(path, text, variables)
    merged: Problems = []
    checked = _check_tree(raw, _tree(cls), (), merged)
    lines += [_problem(loc, found, source) for loc, found in merged if _variable(loc, source)]
    if merged and not lines:  # cannot happen, but a problem must never pass unreported
        lines = [_problem(loc, found, source) for loc, found in merged]
    problems += [line for _, line in sorted(lines, key=lambda p: p[0])]
    if problems:
        raise SettingsInvalid(problems)
    values: dict[str, Any] = dict(extra or {})
    for field, value in checked:
        info = declared(field)
        assert info is not None
        default = field.default if field.default_factory is MISSING else field.default_factory()
        value = _built(value, _hints(cls)[field.name], default)
        values[field.name] = value if info.merge is None else info.merge(default, value)
    return cls(**values)


def _check_tree(
    data: Any, tree: dict[str, Any], loc: Loc, problems: Problems
) -> list[tuple[dataclasses.Field[Any], Any]]:
    """The settings given in ``data`` (a table of the file), checked; problems appended."""
    if not isinstance(data, Mapping):
        problems.append((loc, {"what": t("config.what.table"), "value": data}))
        return []
    _unknown_keys(data, list(tree), loc, problems)
    given = []
    for key, node in tree.items():
        if key not in data:
            continue
        if isinstance(node, dict):
            given += _check_tree(data[key], node, (*loc, key), problems)
            continue
        value = _check_value(data[key], node.hint, (*loc, key), problems, node.info.explain)
        if value is not _BAD:
            given.append((node.field, value))
    return given


_BAD = object()


def _unknown_keys(data: Mapping[str, Any], valid: list[str], loc: Loc, problems: Problems) -> None:
    for key in data:
        if key not in valid:
            table = isinstance(data[key], Mapping)
            problems.append(((*loc, key), {"unknown": "table" if table else "key", "valid": valid}))


def _check_value(
    value: Any, hint: Any, loc: Loc, problems: Problems, explain: str | None = None
) -> Any:
    keyed = _keyed(hint)
    if keyed is not None:
        if not isinstance(value, Mapping):
            problems.append((loc, {"what": t("config.what.table"), "value": value}))
            return _BAD
        cls, naming = keyed
        items = {
            name: _check_table(item, cls, (*loc, name), problems, naming=naming)
            for name, item in value.items()
        }
        return _BAD if _BAD in items.values() else items
    table = _table_class(hint)
    if table is not None:
        return _check_table(value, table, loc, problems)
    array = _array_class(hint)
    if array is not None:
        if not isinstance(value, list):
            problems.append((loc, {"what": t("config.what.list"), "value": value}))
            return _BAD
        items = [_check_table(item, array, (*loc, n), problems) for n, item in enumerate(value)]
        return _BAD if _BAD in items else items
    target, checks = _conversion(hint)
    try:
        converted = msgspec.convert(value, target, strict=True)
        for check in checks:
            converted = check.fn(converted)
    except msgspec.ValidationError:
        problems.append((loc, {"what": _expected(hint, explain), "value": value}))
        return _BAD
    except Refused as refused:
        if refused.sentence:
            problems.append((loc, {"sentence": refused.sentence}))
        else:
            problems.append((loc, {"what": refused.what, "value": value}))
        return _BAD
    return converted


@cache
def _conversion(hint: Any) -> tuple[Any, tuple[Check, ...]]:
    """What msgspec converts a value to (the type, with its ``Meta`` range; a ``Check``'s
    ``written_as`` instead where it has one), and the checks after it; worked out once
    per type."""
    base, extras = _split(hint)
    metas = tuple(e for e in extras if isinstance(e, msgspec.Meta))
    checks = tuple(e for e in extras if isinstance(e, Check))
    target = checks[0].written_as if checks and checks[0].written_as is not None else base
    return (Annotated[(target, *metas)] if metas else target), checks


def _check_table(
    value: Any, cls: type, loc: Loc, problems: Problems, *, naming: str | None = None
) -> Any:
    """A table's given values (a dict), checked against the dataclass ``cls``; in a
    ``Keyed`` table the item's ``naming`` field is its table's name, not a key in it."""
    if not isinstance(value, Mapping):
        problems.append((loc, {"what": t("config.what.table"), "value": value}))
        return _BAD
    table_fields = {f.name: f for f in fields(cls) if f.name != naming}
    _unknown_keys(value, list(table_fields), loc, problems)
    given: dict[str, Any] = {}
    bad = False
    for name, field in table_fields.items():
        if name not in value:
            required = field.default is MISSING and field.default_factory is MISSING
            if required and naming is None:  # a named item may change one that exists
                problems.append(((*loc, name), {"missing": True}))
                bad = True
            continue
        info = declared(field)
        explain = info.explain if info is not None else None
        checked = _check_value(value[name], _hints(cls)[name], (*loc, name), problems, explain)
        bad = bad or checked is _BAD
        given[name] = checked
    return _BAD if bad else given


def _built(value: Any, hint: Any, default: Any) -> Any:
    """A checked value as the dataclasses hold it: a table over its default (the label
    printer's 32 columns stay when only its address is given), an array of tables as a
    tuple of dataclasses; a ``Keyed`` table stays ``{name: values}`` for its merge."""
    if _keyed(hint) is not None:
        return value
    table = _table_class(hint)
    if table is not None:
        return replace(default, **value) if isinstance(default, table) else table(**value)
    array = _array_class(hint)
    if array is not None:
        return tuple(array(**item) for item in value)
    return value


def _with_variables(
    cls: type,
    data: Mapping[str, Any],
    environ: Mapping[str, str],
    other_variables: tuple[str, ...],
) -> tuple[dict[str, Any], dict[Loc, str], list[str]]:
    """The file's data with each set variable's value put where its setting lives, and
    a line for each ``VIVER_*`` variable that is no setting's."""
    raw: dict[str, Any] = _copy(data)
    variables: dict[Loc, str] = {}
    known: list[str] = list(other_variables)
    for field in fields(cls):
        info = declared(field)
        if info is None or info.env is None or info.key is None:
            continue
        key = tuple(info.key.split("."))
        hint = _hints(cls)[field.name]
        if isinstance(info.env, str):
            targets = [(key, info.env, hint)]
        else:
            table = _table_class(hint)
            assert table is not None, f"{info.key}: env as a mapping needs a table"
            targets = [((*key, sub), var, _hints(table)[sub]) for sub, var in info.env.items()]
        for where, variable, target in targets:
            known.append(variable)
            value = environ.get(variable, "")
            if value == "":  # unset and empty are the same: the file (or default) applies
                continue
            if _put(raw, where, _from_variable(value, target)):
                variables[where] = variable
    problems = [
        t("config.at_variable", variable=name, problem=_unknown(name, known, "variable"))
        for name in sorted(environ)
        if name.startswith("VIVER_") and name not in known
        # "NAME_*" in other_variables: a family (VIVER_SMTP_PASSWORD_<COMPANY>)
        and not any(k.endswith("*") and name.startswith(k[:-1]) for k in known)
    ]
    return raw, variables, problems


def _copy(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _copy(v) if isinstance(v, Mapping) else v for k, v in data.items()}


def _put(raw: dict[str, Any], where: Loc, value: Any) -> bool:
    node = raw
    for key in where[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return False  # the file has a value where a table belongs: that is reported
    node[where[-1]] = value
    return True


def _from_variable(value: str, hint: Any) -> Any:
    """A variable holds a value as the file would write it (``7``, ``2.5``, ``true``) —
    or, for text, the text itself. What does not parse is passed on as text, and the
    schema says what is wrong with it."""
    base, _ = _split(hint)
    if base not in (int, float, bool) or "\n" in value:
        return value
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except ValueError:  # TOMLDecodeError, and a number of more than 4 300 digits
        return value


# --- what is wrong, in words ----------------------------------------------------------


def _problem(loc: Loc, found: dict[str, Any], source: Source) -> tuple[int, str]:
    """(the line, for the order, 0 for a variable; the problem in words)."""
    if "unknown" in found:
        if found["unknown"] == "table":
            problem = _unknown_table(loc, found["valid"])
        else:
            problem = _unknown(str(loc[-1]), found["valid"], "key", _in_table(loc[:-1]))
    elif "missing" in found:
        problem = t("config.missing_key", name=loc[-1]) + _in_table(loc[:-1])
    elif "sentence" in found:
        problem = t("config.bad_value", name=_name(loc), reason=found["sentence"])
    else:
        problem = t(
            "config.wrong_value",
            name=_name(loc),
            what=found["what"],
            value=shown_value(found["value"]),
        )
    return _where(problem, loc, source)


def _where(problem: str, loc: Loc, source: Source) -> tuple[int, str]:
    variable = _variable(loc, source)
    if variable is not None:
        return 0, t("config.at_variable", variable=variable, problem=problem)
    line = _line_of(source.text, loc)
    if line is None:
        return 0, t("config.at_file", path=source.path, problem=problem)
    return line, t("config.at_line", path=source.path, line=line, problem=problem)


def located(problem: str, loc: Loc, path: Path, text: str, variable: str | None) -> str:
    """``problem`` with where it is: the variable, or the file and the line of ``loc``
    (for a check across settings, made once they are read)."""
    return _where(problem, loc, Source(path, text, {loc: variable} if variable else {}))[1]


def _variable(loc: Loc, source: Source) -> str | None:
    """The variable the value at ``loc`` came from, if it came from one."""
    return next((v for p, v in source.variables.items() if loc[: len(p)] == p), None)


def _nearest(key: str, valid: list[str]) -> list[str]:
    import difflib  # on a problem only: not at every start

    return difflib.get_close_matches(key, valid, n=1, cutoff=0.6)


def _unknown(key: str, valid: list[str], what: str, where: str = "") -> str:
    near = _nearest(key, valid)
    if near:
        return t(f"config.unknown_{what}_near", name=key, where=where, near=near[0])
    valid_keys = ", ".join(sorted(valid)) or "—"
    return t(f"config.unknown_{what}", name=key, where=where, valid=valid_keys)


def _unknown_table(loc: Loc, valid: list[str]) -> str:
    table = ".".join(str(p) for p in loc)
    near = _nearest(str(loc[-1]), valid)
    if near:
        suggestion = ".".join((*map(str, loc[:-1]), near[0]))
        return t("config.unknown_table_near", table=table, near=suggestion)
    return t("config.unknown_table", table=table, valid=", ".join(sorted(valid)) or "—")


def _in_table(loc: Loc) -> str:
    if not loc:
        return ""
    if isinstance(loc[-1], int):
        array = ".".join(str(p) for p in loc[:-1] if not isinstance(p, int))
        return t("config.in_array", table=array, number=loc[-1] + 1)
    return t("config.in_table", table=".".join(str(p) for p in loc))


def _name(loc: Loc) -> str:
    """How a value is named: «columns» i [printers.label]."""
    keys = [p for p in loc if not isinstance(p, int)]
    return t("config.key", name=keys[-1]) + _in_table(loc[:-1]) if keys else "?"


def _expected(hint: Any, explain: str | None) -> str:
    """What a valid value of this type is, in words: the setting's own (``explain``),
    else its type and range ("et helt tall fra 24 til 96")."""
    if explain:
        return t(explain)
    base, extras = _split(hint)
    checks = [e for e in extras if isinstance(e, Check)]
    if checks:
        return t(checks[0].what)
    if get_origin(base) is Literal:
        return _choices([str(c) for c in get_args(base)])
    words = {bool: "config.what.flag", int: "config.what.whole", float: "config.what.number"}
    what = t(words.get(base, "config.what.text"))
    meta = next((e for e in extras if isinstance(e, msgspec.Meta)), None)
    if meta is None:
        return what
    low, high = meta.ge if meta.ge is not None else meta.gt, meta.le
    if low is not None and high is not None:
        key = "config.range.above_to" if meta.gt is not None else "config.range.between"
        return t(key, what=what, low=_number(low), high=_number(high))
    if low is not None:
        key = "config.range.above" if meta.gt is not None else "config.range.at_least"
        return t(key, what=what, low=_number(low))
    if high is not None:
        return t("config.range.at_most", what=what, high=_number(high))
    if meta.min_length:
        return t("config.range.not_empty", what=what)
    return what


def _choices(choices: list[str]) -> str:
    quoted = [t("config.key", name=c) for c in choices]
    if len(quoted) < 2:
        return "".join(quoted)
    return t("config.what.choices", first=", ".join(quoted[:-1]), last=quoted[-1])


def _number(value: object) -> str:
    return format_number(value) if isinstance(value, int | float) else str(value)


def shown_value(value: object) -> str:
    """A wrong value as the file would write it, cut short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, Mapping):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    else:
        text = str(value)
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


# --- where in the file ----------------------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """(key line, table line, array-of-tables line, key part), compiled when a problem
    is first located: not at every start."""
    return (
        re.compile(rf"^\s*({_KEY})\s*="),
        re.compile(rf"^\s*\[\s*({_KEY})\s*\]"),
        re.compile(rf"^\s*\[\[\s*({_KEY})\s*\]\]"),
        re.compile(rf"{_BARE}|{_QUOTED}"),
    )


def key_lines(text: str) -> dict[Loc, int]:
    """The line (from 1) where each key, table and array-of-tables item of a TOML text
    starts: ``("printers", "label", "url") → 23``, ``("media_kinds", 1) → 40``.

    tomllib keeps no positions, so the text is read line by line: table headers, dotted
    and quoted keys, and multi-line strings (whose lines are not keys) are understood;
    keys inside inline tables are found at their table's line by ``_line_of``.
    """
    key_line, table_line, array_line, _ = _patterns()
    lines: dict[Loc, int] = {}
    table: Loc = ()
    arrays: dict[Loc, int] = {}
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        if (match := array_line.match(line)) is not None:
            keys = _parts(match.group(1))
            arrays[keys] = arrays.get(keys, -1) + 1
            table = (*keys, arrays[keys])
            lines.setdefault(keys, number)
            lines[table] = number
        elif (match := table_line.match(line)) is not None:
            table = _parts(match.group(1))
            lines.setdefault(table, number)
        elif (match := key_line.match(line)) is not None:
            keys = (*table, *_parts(match.group(1)))
            for end in range(len(table) + 1, len(keys) + 1):
                lines.setdefault(keys[:end], number)
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
    return lines


def _parts(key: str) -> tuple[str, ...]:
    return tuple(
        part[1:-1] if part[:1] in ("'", '"') else part for part in _patterns()[3].findall(key)
    )


def _line_of(text: str, loc: Loc) -> int | None:
    """The line of ``loc`` in the file, or of the nearest table around it."""
    if not text:
        return None
    lines = key_lines(text)
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None
