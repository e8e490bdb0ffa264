"""The shape of a report's statistics: the national tables (国办公开办函〔2021〕30号) as data.

A report's figures travel as one plain dict, the *statistics dict*, which is what the page
stores (frozen with each revision), what the page API returns as ``statistics``, what the HTML
tables, the XLSX export and the charts are drawn from, and what the importer produces::

    {
      "format": "2021",                # or "legacy" (reports before 2021, stated figures)
      "year": 2025,
      "organs": [{"id": 1, "name": "…"}],            # the organs the report covers ([] = all)
      "proactive": {                                   # table 二
        "regulation": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_document": {"issued": 0, "repealed": 0, "in_force": 0},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 0},
        "coercion": {"decisions": 0},
        "fees": {"amount_wan": 0.0},                   # 万元, may be a decimal
      },
      "requests": [                                    # table 三, 25 rows of 7 values
        {"key": "new", "group": "一、本年新收政府信息公开申请数量",
         "label": "一、本年新收政府信息公开申请数量", "values": [0, 0, 0, 0, 0, 0, 0]},
        …
      ],
      "review_litigation": [0] * 15,                   # table 四, one row of 15 values
      "channels": {"total": 0, "website": 0, "weibo": 0, …},
      "fees_collected_yuan": 0,                        # fees for 依申请公开 (section 六)
      "on_time": {"concluded": 0, "on_time": 0},       # requests concluded / within the deadline
      "organ_breakdown": [{"organ": {"id", "name"}, "requests_new": 0, …}],
      "overrides": [{"cell": "requests.new.natural_person", "value": 3,
                     "computed": 2, "reason": "…"}],
      "stated": {"proactive_total": 55, …},           # legacy reports: figures as stated
      "indicators": [{"label": "…", "value": 3, "unit": "条"}],   # legacy free-form rows
      "checks": [{"rule": "balance:total", "ok": true, "status": "passed", "detail": "…"}],
    }

A figure may be ``None`` (``null`` in JSON): *unknown*. Computed reports know every figure they
count (a 0 is a real 0); their only ``None`` are the entered table 二 figures not entered yet.
An imported report leaves ``None`` wherever its file did not give a figure the importer could
read (a table cut off or not recognised, a cell that is not a number): such a figure is shown
blank, left out of charts, and a check that involves it is ``"not_evaluable"`` (``"ok": null``).

``group`` and ``label`` are spelt exactly as the national table prints them, so that any front
end can render or re-check the figures. Cells are addressed by *paths* (``requests.<row>.<column>``,
``proactive.<item>.<measure>``, ``review.<group>.<result>``), used by overrides and diffs.
"""

import copy

from ..requests import outcomes

FORMAT_2021 = "2021"
FORMAT_LEGACY = "legacy"

# Table 三's applicant columns, in the printed order; ``total`` is 总计.
COLUMNS = (
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
COLUMN_KEYS = tuple(key for key, _label in COLUMNS)
APPLICANT_COLUMN_KEYS = COLUMN_KEYS[:-1]
ORGANISATION_COLUMN_KEYS = COLUMN_KEYS[1:6]

NEW = "new"
CARRIED_OVER = "carried_over"
RESULTS_TOTAL = "total"
CARRIED_FORWARD = "carried_forward"

RESULTS_HEADING = "三、本年度办理结果"
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (key, group, label) of every row of table 三, top to bottom.
REQUEST_ROWS = (
    (NEW, "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
    (CARRIED_OVER, "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量"),
    *((row.key, row.group, row.label) for row in outcomes.ROWS),
    (RESULTS_TOTAL, "（七）总计", "（七）总计"),
    (CARRIED_FORWARD, "四、结转下年度继续办理", "四、结转下年度继续办理"),
)
REQUEST_ROW_KEYS = tuple(key for key, _group, _label in REQUEST_ROWS)
RESULT_ROW_KEYS = tuple(row.key for row in outcomes.ROWS)
REQUEST_ROW_BY_KEY = {key: (group, label) for key, group, label in REQUEST_ROWS}

# Table 二: (key, label, Art.20 item heading, ((measure, column heading), …)).
PROACTIVE_ITEMS = (
    ("regulation", "规章", "第二十条第（一）项",
     (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))),
    ("normative_document", "行政规范性文件", "第二十条第（一）项",
     (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))),
    ("licensing", "行政许可", "第二十条第（五）项", (("decisions", "本年处理决定数量"),)),
    ("penalty", "行政处罚", "第二十条第（六）项", (("decisions", "本年处理决定数量"),)),
    ("coercion", "行政强制", "第二十条第（六）项", (("decisions", "本年处理决定数量"),)),
    ("fees", "行政事业性收费", "第二十条第（八）项",
     (("amount_wan", "本年收费金额（单位：万元）"),)),
)
# Table 二 figures the site cannot count: they come from other systems and are entered.
ENTERED_PROACTIVE = ("licensing", "penalty", "coercion", "fees")

# Table 四: three groups of five columns, in the printed order.
REVIEW_GROUPS = (
    ("reconsideration", "行政复议"),
    ("lawsuit_direct", "未经复议直接起诉"),
    ("lawsuit_after_reconsideration", "复议后起诉"),
)
REVIEW_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_GROUP_KEYS = tuple(key for key, _label in REVIEW_GROUPS)
REVIEW_RESULT_KEYS = tuple(key for key, _label in REVIEW_RESULTS)


def review_index(group, result):
    """Position of a table 四 cell in the 15-number ``review_litigation`` list."""
    return REVIEW_GROUP_KEYS.index(group) * 5 + REVIEW_RESULT_KEYS.index(result)


def empty_requests():
    return [{"key": key, "group": group, "label": label, "values": [0] * 7}
            for key, group, label in REQUEST_ROWS]


def empty_statistics(year, fmt=FORMAT_2021):
    """A statistics dict with every figure zero (the entered table 二 figures ``None``)."""
    proactive = {}
    for key, _label, _item, measures in PROACTIVE_ITEMS:
        proactive[key] = {m: (None if key in ENTERED_PROACTIVE else 0) for m, _h in measures}
    return {
        "format": fmt,
        "year": year,
        "organs": [],
        "proactive": proactive,
        "requests": empty_requests(),
        "review_litigation": [0] * 15,
        "channels": {"total": 0},
        "fees_collected_yuan": 0,
        "on_time": {"concluded": 0, "on_time": 0},
        "organ_breakdown": [],
        "overrides": [],
        "stated": {},
        "indicators": [],
        "checks": [],
    }


def unknown_statistics(year, fmt=FORMAT_2021):
    """A statistics dict with every figure unknown (``None``): what an import starts from, so
    that only the figures it reads become known."""
    stats = empty_statistics(year, fmt)
    for measures in stats["proactive"].values():
        for measure in measures:
            measures[measure] = None
    for row in stats["requests"]:
        row["values"] = [None] * len(COLUMNS)
    stats["review_litigation"] = [None] * 15
    stats["channels"] = {"total": None}
    stats["fees_collected_yuan"] = None
    stats["on_time"] = {"concluded": None, "on_time": None}
    return stats


def unknown_cells(stats):
    """The cell paths of the national tables whose figure is unknown (``None``), in table
    order; a cell missing from the dict altogether counts as unknown too."""
    unknown = []
    for path, _label in cell_paths():
        try:
            value = get_cell(stats, path)
        except (KeyError, IndexError, TypeError, ValueError):
            value = None
        if value is None:
            unknown.append(path)
    return unknown


def request_row(stats, key):
    """The table 三 row ``key`` of a statistics dict (``KeyError`` if absent)."""
    for row in stats.get("requests") or ():
        if row["key"] == key:
            return row
    raise KeyError(key)


# -- cell paths -------------------------------------------------------------------------------

def cell_paths():
    """Every overridable cell of the 2021 format: ``[(path, human label), …]`` in table order."""
    paths = []
    for key, label, _item, measures in PROACTIVE_ITEMS:
        for measure, heading in measures:
            paths.append((f"proactive.{key}.{measure}", f"表二 {label} · {heading}"))
    for key, group, label in REQUEST_ROWS:
        row_label = label if label == group else f"{group} {label}"
        for column, column_label in COLUMNS:
            paths.append((f"requests.{key}.{column}", f"表三 {row_label} · {column_label}"))
    for group, group_label in REVIEW_GROUPS:
        for result, result_label in REVIEW_RESULTS:
            paths.append((f"review.{group}.{result}", f"表四 {group_label} · {result_label}"))
    return paths


def get_cell(stats, path):
    table, first, second = path.split(".")
    if table == "proactive":
        return stats["proactive"][first][second]
    if table == "requests":
        return request_row(stats, first)["values"][COLUMN_KEYS.index(second)]
    if table == "review":
        return stats["review_litigation"][review_index(first, second)]
    raise KeyError(path)


def set_cell(stats, path, value):
    table, first, second = path.split(".")
    if table == "proactive":
        stats["proactive"][first][second] = value
    elif table == "requests":
        request_row(stats, first)["values"][COLUMN_KEYS.index(second)] = value
    elif table == "review":
        stats["review_litigation"][review_index(first, second)] = value
    else:
        raise KeyError(path)


def is_valid_path(path):
    return path in {p for p, _label in cell_paths()}


def diff(stored, live):
    """Cells whose value differs between two statistics dicts: ``[(path, stored, live), …]``."""
    changes = []
    for path, _label in cell_paths():
        try:
            before, after = get_cell(stored, path), get_cell(live, path)
        except (KeyError, IndexError, TypeError):
            continue
        if before != after:
            changes.append((path, before, after))
    return changes


def copy_statistics(stats):
    return copy.deepcopy(stats)
