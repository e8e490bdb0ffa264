"""The national tables read from HTML grids or text rows: 表二 (主动公开), 表三 (申请), 表四 (复议诉讼).

Tables are identified by their content, never by position. Table 三's rows are matched by their
normalised label (see ``import_base.norm``): the most specific label cell, or the joined label
cells, must *end with* a row's label (the longest such wins), so "（三）不予公开 1.属于国家秘密",
"1. 属于国家秘密" and "三、本年度办理结果（一）予以公开" all find their row whatever the
merging. Columns are found from the header cells (自然人 … 总计); failing that, the last seven
columns are taken in the printed order and the guess is reported. Figures are kept as printed.
"""

from dataclasses import dataclass, field

from . import format as fmt
from .import_base import norm, parse_number, strip_numbering

OTHER_SINGLE = "other_single"  # the 2019 trial format's one-row （六）其他处理
_CORES = {key: strip_numbering(norm(label)) for key, _group, label in fmt.REQUEST_ROWS}
_CORES["partially_disclosed_short"] = "部分公开"
_CORES[OTHER_SINGLE] = "其他处理"
_ALIAS = {"partially_disclosed_short": "partially_disclosed"}
_CONTAINS = (("本年新收", fmt.NEW), ("上年结转", fmt.CARRIED_OVER), ("结转下年度", fmt.CARRIED_FORWARD),
             ("部分公开", "partially_disclosed"))
_ORDER = {key: index for index, key in enumerate(fmt.REQUEST_ROW_KEYS)}
_COLUMN_NAMES = [norm(label) for _key, label in fmt.COLUMNS]

T2_ITEMS = {"规章": "regulation", "行政规范性文件": "normative_document", "规范性文件": "normative_document",
            "行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion",
            "行政事业性收费": "fees", "其他对外管理服务事项": None, "政府集中采购": None}
_TRIAL_HEADERS = ("新制作", "新公开", "对外公开总数", "上一年项目数量", "本年增减", "采购项目数量", "采购总金额")
_DECISIONS = ["上一年项目数量", "本年增/减", "处理决定数量"]
_TRIAL_T2_HEADERS = {"regulation": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                     "normative_document": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                     "licensing": _DECISIONS, "其他对外管理服务事项": _DECISIONS, "penalty": _DECISIONS,
                     "coercion": _DECISIONS, "fees": ["上一年项目数量", "本年增/减"],
                     "政府集中采购": ["采购项目数量", "采购总金额"]}
_REVIEW_RESULTS = [norm(label) for _key, label in fmt.REVIEW_RESULTS]


def match_row(labels):
    """The table 三 row key for a list of candidate labels (most specific first), or None."""
    for label in labels:
        normed = strip_numbering(norm(label))
        if not normed:
            continue
        best = None
        for key, core in _CORES.items():
            if core and normed.endswith(core) and (best is None or len(core) > len(_CORES[best])):
                best = key
        if best:
            return _ALIAS.get(best, best)
    for label in labels:
        normed = norm(label)
        for word, key in _CONTAINS:
            if word in normed:
                return key
    return None


@dataclass
class Table3:
    rows: dict = field(default_factory=dict)       # key -> 7 values (trial （六） under OTHER_SINGLE)
    order: list = field(default_factory=list)       # keys in the order found
    unmatched: list = field(default_factory=list)   # labels of rows with figures but no match
    notes: list = field(default_factory=list)
    columns_guessed: bool = False
    trial_hint: bool = False   # the document shows the 2019 trial format elsewhere (table 二)

    @property
    def trial(self):
        return OTHER_SINGLE in self.rows or self.trial_hint

    def expected_keys(self):
        keys = [k for k in fmt.REQUEST_ROW_KEYS]
        if self.trial:
            keys = [k for k in keys if not k.startswith("other")] + [OTHER_SINGLE]
        return keys

    def missing(self):
        return [k for k in self.expected_keys() if k not in self.rows]

    def add(self, key, values):
        if key in self.rows:
            self.notes.append(f"table 三: row {key} appears twice; the first is kept")
            return
        self.rows[key] = values
        self.order.append(key)

    def in_order(self):
        positions = [_ORDER.get(k, _ORDER["other"]) for k in self.order]
        return positions == sorted(positions)


def _header_columns(grid):
    """Grid column of each of the seven applicant columns, from the header cells, or None."""
    found = {}
    for r, row in enumerate(grid.rows[:8]):
        for c, (_cell_id, text) in enumerate(row):
            name = norm(text)
            if name in _COLUMN_NAMES and name not in found:
                found[name] = c
    if len(found) == 7 and len(set(found.values())) == 7:
        return [found[name] for name in _COLUMN_NAMES]
    return None


def table3_from_grid(grid):
    result = Table3()
    columns = _header_columns(grid)
    if columns is None:
        width = grid.width
        if width < 8:
            return None
        columns = list(range(width - 7, width))
        result.columns_guessed = True
    first = min(columns)
    for r in range(len(grid.rows)):
        cells = grid.rows[r]
        slots = [cells[c] if c < len(cells) else (-1, "") for c in columns]
        texts = [text for _cell_id, text in slots]
        if any(norm(t) in _COLUMN_NAMES for t in texts):
            continue  # a header row
        label_cells = [t for t in grid.distinct(r, 0, first) if t]
        if not label_cells:
            continue
        candidates = [label_cells[-1], "".join(label_cells)]
        key = match_row(candidates)
        # A position no cell covers (a row cut short: a truncated page) is not a blank cell:
        # its figure is unknown (None), where a printed blank cell is 0.
        parsed = [(None, False) if cell_id < 0 else parse_number(text) for cell_id, text in slots]
        if not any(ok and t.strip() for (value, ok), t in zip(parsed, texts)) and key is None:
            continue  # a text row without figures (e.g. the 勾稽 note)
        if key is None:
            result.unmatched.append("".join(label_cells)[:60])
            continue
        missing = [label for (cell_id, _t), (_k, label) in zip(slots, fmt.COLUMNS) if cell_id < 0]
        if missing:
            result.notes.append(f"table 三: row {key} is cut short; not read: {', '.join(missing)}")
        for (cell_id, text), (value, ok) in zip(slots, parsed):
            if not ok and cell_id >= 0:
                result.notes.append(f"table 三: cell '{text[:20]}' of row {key} is not a number; "
                                    "not read")
        result.add(key, [value for value, _ok in parsed])
    return result


def table3_from_text(rows):
    """Table 三 from text rows of exactly seven figures: ``(Table3, rows used)``."""
    result, used = Table3(), []
    for row in rows:
        if len(row.numbers) != 7:
            continue
        key = match_row(row.candidates())
        if key is None or key in result.rows:
            continue
        result.add(key, list(row.numbers))
        used.append(row)
    return result, used


# -- table 二 ---------------------------------------------------------------------------------------

@dataclass
class Table2:
    entries: list = field(default_factory=list)   # (item label, [(header, value)])
    notes: list = field(default_factory=list)
    trial: bool = False
    is2021: bool = False


def table2_from_grid(grid):
    result, header = Table2(), []
    for r in range(len(grid.rows)):
        cells = [t for t in grid.distinct(r)]
        if not cells:
            continue
        first = norm(cells[0])
        if first == "信息内容":
            header = cells[1:]
            if any(word in norm(h) for h in header for word in _TRIAL_HEADERS):
                result.trial = True
            continue
        if first not in T2_ITEMS:
            continue
        if T2_ITEMS[first] is None:
            result.trial = True
        values = cells[1:]
        result.entries.append((cells[0].strip(),
                               [(header[i] if i < len(header) else "", v) for i, v in enumerate(values)]))
    return result if result.entries else None


def table2_from_text(rows, trial_hint):
    """Table 二 from text rows whose own label is an item: ``(Table2 or None, rows used)``."""
    result, used = Table2(trial=trial_hint), []
    for row in rows:
        label = norm(row.fragments[0])
        if label not in T2_ITEMS:
            continue
        if T2_ITEMS[label] is None:
            result.trial = True
        headers = _TRIAL_T2_HEADERS.get(T2_ITEMS[label] or label, []) if result.trial else []
        result.entries.append((row.fragments[0], [(headers[i] if i < len(headers) else "", str(n))
                                                  for i, n in enumerate(row.numbers)]))
        used.append(row)
    return (result if result.entries else None), used


_MEASURES = {key: [m for m, _heading in measures] for key, _l, _i, measures in fmt.PROACTIVE_ITEMS}


def _pick(values, count):
    """The figures of a row: exactly ``count`` cells, or more when the extra ones are blank
    spacers (or, for a single figure, repeat the same figure)."""
    if len(values) == count:
        return values
    filled = [v for v in values if v.strip()]
    if count == 1 and len(set(filled)) <= 1:
        return filled[:1] or [""]
    if len(values) > count and all(not v.strip() for v in values[count:]):
        return values[:count]
    return None


def apply_table2(table, stats, legacy):
    """Table 二 into ``stats["proactive"]`` (2021 format) or into indicators (2019 trial format or a
    legacy report). Returns ``(recognised, unrecognised)`` lines."""
    recognised, unrecognised = [], []
    for label, pairs in table.entries:
        key = T2_ITEMS[norm(label)]
        if legacy or table.trial or key is None:
            for header, value in pairs:
                number, ok = parse_number(value)
                unit = "元" if value.strip().endswith("元") and "万元" not in value else "件"
                stats["indicators"].append({"label": f"{label} · {header}".strip(" ·"),
                                            "value": number if ok else value, "unit": unit})
            recognised.append(f"table 二 ({'2019 trial format' if table.trial else 'legacy'}): "
                              f"{label} → indicators")
            continue
        measures = _MEASURES[key]
        values = _pick([v for _h, v in pairs], len(measures))
        if values is None:
            unrecognised.append(f"table 二 row not recognised: {label} has {len(pairs)} figures, "
                                f"expected {len(measures)}")
            continue
        for measure, value in zip(measures, values):
            number, ok = parse_number(value)
            if not value.strip() and key in fmt.ENTERED_PROACTIVE:
                number = None
            elif not ok:
                unrecognised.append(f"table 二: {label} '{value[:20]}' is not a number; not read")
                continue   # the figure stays unknown (None)
            stats["proactive"][key][measure] = number
        recognised.append(f"table 二: {label} " + " / ".join(v.strip() or "—" for v in values))
    return recognised, unrecognised


# -- table 四 ---------------------------------------------------------------------------------------

def _review_index(headers):
    joined = [norm(h) for h in headers]
    group = None
    if any("复议后起诉" in h for h in joined):
        group = "lawsuit_after_reconsideration"
    elif any("未经复议" in h for h in joined):
        group = "lawsuit_direct"
    elif any(h == "行政复议" for h in joined):
        group = "reconsideration"
    result = None
    for h in joined:
        if h in _REVIEW_RESULTS:
            result = fmt.REVIEW_RESULT_KEYS[_REVIEW_RESULTS.index(h)]
    if group and result:
        return fmt.review_index(group, result)
    return None


def table4_from_grid(grid):
    """The 15 figures of table 四, or None."""
    header_rows, data_row = [], None
    for r in range(len(grid.rows)):
        texts = [t for _id, t in grid.rows[r]]
        normed = [norm(t) for t in texts]
        if any(("行政复议" in n or "行政诉讼" in n or n in _REVIEW_RESULTS or "起诉" in n) for n in normed):
            header_rows.append(r)
            continue
        if header_rows and any(parse_number(t)[1] and t.strip() for t in texts):
            data_row = r
            break
    if data_row is None:
        return None
    mapping = {}
    for c in range(grid.width):
        headers = [grid.rows[r][c][1] for r in header_rows if c < len(grid.rows[r])]
        index = _review_index(headers)
        if index is not None and index not in mapping.values():
            mapping[c] = index
    figures = [None] * 15
    if len(mapping) == 15:
        row = grid.rows[data_row]
        for c, index in mapping.items():
            # a position no cell covers (the row cut short) or a non-number stays unknown
            figures[index] = parse_number(row[c][1])[0] if c < len(row) and row[c][0] >= 0 else None
        return figures
    cells = [t for t in grid.distinct(data_row)]
    numeric = [t for t in cells if parse_number(t)[1]]
    if len(numeric) == 15:
        return [parse_number(t)[0] for t in numeric]
    return None


def classify(grid):
    """Which of 二/三/四 a grid may hold (a set)."""
    text = norm(" ".join(t for row in grid.rows for _id, t in row))
    kinds = set()
    if "第二十条" in text or any(w in text for w in ("行政许可", "行政处罚", "行政事业性收费")) or \
            any(norm(t) in ("规章", "行政规范性文件", "规范性文件") for row in grid.rows for _id, t in row):
        kinds.add("二")
    if any(w in text for w in ("本年新收", "上年结转", "结转下年度")) or ("自然人" in text and "法人或其他组织" in text):
        kinds.add("三")
    if "行政复议" in text and "行政诉讼" in text:
        kinds.add("四")
    return kinds
