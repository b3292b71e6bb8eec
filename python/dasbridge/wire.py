"""Generic conversion of whatever the SDK returns into JSON plus binary attachments, and of our arguments back.

Python → wire (encode):
  None, bool, str, int (|n| ≤ 2**53)   as JSON; larger ints as {"$int": "<digits>"}
  float                               as JSON; NaN and ±inf → null
  numpy scalars                       their Python value (same rules)
  datetime, pandas.Timestamp          {"$dt": epoch ms UTC} (naive values are taken as UTC); NaT → null
  date, time, timedelta               ISO date, ISO time, milliseconds
  Decimal, UUID, Enum, paths          float, str, its value, str
  bytes                               {"$bytes": base64}
  dict / Mapping                      object with str keys ({"$dict": {…}} when a key starts with "$")
  list, tuple, set, generators        array
  namedtuple, dataclass, pydantic,    object of their fields ({"$class": name} added for objects), then the
  __slots__, __dict__ objects         same rules for every value; private (_x) and callable members left out
  numpy 1-D numeric array             {"$array": {"kind": "f64", "data": {"$bin": i}}}
  pandas.DataFrame / Series           {"$frame": {"length", "columns": [{"name", "kind", "data"}], "attrs"}}:
                                      datetime columns → kind "time", float64 epoch ms (NaT → NaN);
                                      numbers → "f64" (ints beyond 2**53 → "i64"); bools → "bool" (1/0);
                                      anything else → "json", a list encoded by these rules
  anything else                       {"$repr": repr(…), "$class": type name}
Numbers in attachments are little-endian; NaN marks a gap.

wire → Python (decode): the same tags back, plus {"$pytype": "float"|"int"|"str"|"bool"} for `astype`, and
{"$frame": {"columns": {name: [values]}, "order": [names]}} for DataFrame arguments.
"""
import base64
import dataclasses
import datetime as _dt
import decimal
import enum
import math
import os
import types
import uuid

try:  # pandas and numpy are optional for the bridge; the SDK needs them, but a missing SDK must still be reported.
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - exercised only on interpreters without pandas
    np = None
    pd = None

MAX_SAFE = 2 ** 53
MAX_DEPTH = 64
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


class Attachments:
    def __init__(self):
        self.items = []

    def add(self, data):
        self.items.append(data)
        return {'$bin': len(self.items) - 1}


def _datetime_ms(value):
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return round((value - _EPOCH).total_seconds() * 1000, 3)


def _number(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if -MAX_SAFE <= value <= MAX_SAFE else {'$int': str(value)}
    return value if math.isfinite(value) else None


def encode(value, att, depth=0, seen=None):
    """`value` as JSON-ready data; large numeric arrays go to `att`."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return _number(value)
    if depth > MAX_DEPTH:
        return {'$repr': '<nested too deep>', '$class': type(value).__name__}
    if np is not None and isinstance(value, np.generic):
        if isinstance(value, np.datetime64):
            return None if np.isnat(value) else encode(pd.Timestamp(value), att, depth)
        return encode(value.item(), att, depth)
    if pd is not None and value is pd.NaT:
        return None
    if isinstance(value, _dt.datetime):
        return {'$dt': _datetime_ms(value)}
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds() * 1000
    if isinstance(value, decimal.Decimal):
        return _number(float(value))
    if isinstance(value, enum.Enum):
        return encode(value.value, att, depth + 1)
    if isinstance(value, (uuid.UUID, os.PathLike)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {'$bytes': base64.b64encode(bytes(value)).decode('ascii')}
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return {'$frame': frame(value, att, depth)}
        if isinstance(value, pd.Series):
            return {'$frame': frame(value.to_frame(name=value.name if value.name is not None else 'value'), att, depth)}
        if isinstance(value, pd.Index):
            return encode(list(value), att, depth + 1)
    if np is not None and isinstance(value, np.ndarray):
        if value.ndim == 1 and value.dtype.kind in 'fiub':
            return {'$array': column(value, att)}
        return encode(value.tolist(), att, depth + 1)
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return {'$repr': '<cycle>', '$class': type(value).__name__}
    seen.add(id(value))
    try:
        return _container(value, att, depth, seen)
    finally:
        seen.discard(id(value))


def _container(value, att, depth, seen):
    sub = lambda v: encode(v, att, depth + 1, seen)  # noqa: E731
    if isinstance(value, dict) or _is_mapping(value):
        out = {str(k): sub(v) for k, v in value.items()}
        return {'$dict': out} if any(k.startswith('$') for k in out) else out
    if isinstance(value, tuple) and hasattr(value, '_fields'):
        return _object(type(value), value._asdict().items(), sub)
    if isinstance(value, (list, tuple, set, frozenset)) or _is_iterator(value):
        return [sub(v) for v in value]
    fields = object_fields(value)
    if fields is not None:
        return _object(type(value), fields, sub)
    text = repr(value)
    return {'$repr': text[:2000], '$class': type(value).__name__}


def _object(cls, items, sub):
    out = {}
    for k, v in items:
        out[str(k)] = sub(v)
    out = {'$dict': out} if any(k.startswith('$') for k in out) else out
    out['$class'] = cls.__name__
    return out


def _is_mapping(value):
    return hasattr(value, 'keys') and hasattr(value, 'items') and hasattr(value, '__getitem__') and not isinstance(value, type)


def _is_iterator(value):
    return hasattr(value, '__next__') and hasattr(value, '__iter__')


def object_fields(value):
    """(name, value) pairs of an object's public data, or None when it has none we can read."""
    if isinstance(value, (type, types.ModuleType, types.FunctionType, types.MethodType, types.BuiltinFunctionType)):
        return None
    if dataclasses.is_dataclass(value):
        return [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith('_')]
    dump = getattr(value, 'model_dump', None)  # pydantic 2
    if callable(dump):
        return list(dump().items())
    if hasattr(value, '__fields__') and callable(getattr(value, 'dict', None)):  # pydantic 1
        return list(value.dict().items())
    pairs = []
    names = set()
    for cls in type(value).__mro__:
        for slot in _slots(cls):
            if slot not in names and not slot.startswith('_') and hasattr(value, slot):
                names.add(slot)
                pairs.append((slot, getattr(value, slot)))
    for k, v in getattr(value, '__dict__', {}).items():
        if k not in names and not k.startswith('_') and not callable(v):
            names.add(k)
            pairs.append((k, v))
    return pairs if pairs or hasattr(value, '__dict__') or hasattr(type(value), '__slots__') else None


def _slots(cls):
    slots = cls.__dict__.get('__slots__', ())
    return (slots,) if isinstance(slots, str) else tuple(slots)


def column(values, att):
    """One numeric column as an attachment: {"kind", "data"}."""
    kind = values.dtype.kind
    if kind == 'b':
        return {'kind': 'bool', 'data': att.add(values.astype('<f8').tobytes())}
    if kind in 'iu' and len(values) and (values.max() > MAX_SAFE or values.min() < -MAX_SAFE):
        return {'kind': 'i64', 'data': att.add(values.astype('<i8').tobytes())}
    return {'kind': 'f64', 'data': att.add(np.ascontiguousarray(values, dtype='<f8').tobytes())}


def _time_column(series, att):
    s = series
    if getattr(s.dt, 'tz', None) is not None:
        s = s.dt.tz_convert('UTC').dt.tz_localize(None)
    ns = s.to_numpy(dtype='datetime64[ns]').view('<i8')
    ms = ns.astype('<f8') / 1e6
    ms[ns == np.iinfo('<i8').min] = np.nan
    return {'kind': 'time', 'data': att.add(ms.tobytes())}


def _frame_column(name, series, att, depth):
    kind = series.dtype.kind
    if kind == 'M':
        col = _time_column(series, att)
    elif kind in 'fiub':
        col = column(series.to_numpy(), att)
    else:
        values = series.astype(object).tolist()
        col = {'kind': 'json', 'data': [encode(v, att, depth + 1) if not _missing(v) else None for v in values]}
    col['name'] = str(name)
    return col


def _missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or (pd is not None and v is pd.NaT)


def frame(df, att, depth=0):
    columns = []
    index = df.index
    if not isinstance(index, pd.RangeIndex) or index.start != 0 or index.step != 1:
        columns.append(_frame_column(index.name if index.name is not None else '__index__', index.to_series(index=None), att, depth))
    for i, name in enumerate(df.columns):  # by position: column names may repeat
        columns.append(_frame_column(name, df.iloc[:, i], att, depth))
    attrs = encode(dict(df.attrs), att, depth + 1) if df.attrs else {}
    return {'length': len(df), 'columns': columns, 'attrs': attrs}


_PYTYPES = {'float': float, 'int': int, 'str': str, 'bool': bool, 'object': object}


def decode(value):
    """Our arguments back into Python values (DataFrames, datetimes, types)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (key, inner), = value.items()
        if key == '$dt':
            return _EPOCH + _dt.timedelta(milliseconds=inner)
        if key == '$pytype':
            return _PYTYPES[inner]
        if key == '$frame':
            return pd.DataFrame({name: decode(inner['columns'][name]) for name in inner['order']}, columns=inner['order'])
        if key == '$dict':
            return {k: decode(v) for k, v in inner.items()}
        if key == '$bytes':
            return base64.b64decode(inner)
    return {k: decode(v) for k, v in value.items()}
