"""The evaluation queries and their hand-labelled relevant documents (ids of ``corpus.py``).

How relevance was judged (by reading every document, not by running a search):

* A document is relevant when it is about the concept asked for or mentions it in its title,
  文号, 索引号, 内容概述 or body, under the query's own name or an *equivalent* name: the full
  form or the abbreviation (供销社 = 供销合作社, 基层社 = 基层供销社, 电商 = 电子商务) and, for
  the annual reports, 政府信息公开工作报告 = 政府信息公开工作年度报告.
* A document that only concerns a narrower thing without naming the concept is not counted
  (早茶 is not counted for 茶叶, 失业保险 not for 社会保险, 补助 not for 补贴).
* The characters of a query that occur only across a word boundary do not make a document
  relevant: 社会 is not in 供销社会议 (供销社 + 会议) or 合作社会员 (合作社 + 会员); 工资 is not
  in 加工资金 or 职工资格; 学生 is not in 科学生产; 王建国 is not 王建华 + 陈建国.
* A 文号 or 索引号 query (whole or fragment) asks for the documents that carry that number.

``relevant`` lists every relevant document. ``equivalent`` lists those of them that name the
concept *only* under an equivalent name (e.g. only 供销合作社, never 供销社): no segmentation can
find them, so the evaluation reports recall both over all relevant documents and over the
"same wording" ones (``relevant`` minus ``equivalent``), which measures the segmenter itself.

Kinds: ``word`` (a 2-4 character word), ``phrase`` (several words, with or without spaces),
``doc_no`` (文号), ``index`` (索引号), ``trap`` (the characters occur non-contiguously or across
word boundaries in irrelevant documents), ``name`` (person and place names whose segmentation
is ambiguous), ``abbrev`` (the documents mostly use the other form of the name).
"""

QUERIES = [
    # -- words -----------------------------------------------------------------------------
    dict(q="供销社", kind="abbrev", relevant=[
        "d001", "d002", "d003", "d004", "d005", "d006", "d007", "d008", "d009", "d010", "d011",
        "d012", "d013", "d014", "d015", "d016", "d018", "d019", "d024", "d026", "d028", "d029",
        "d033", "d034", "d035", "d036", "d039", "d043", "d070", "d082", "d083", "d122", "d127",
        "d132", "d134", "d137"],
        equivalent=[
            "d003", "d004", "d005", "d006", "d007", "d008", "d011", "d014", "d018", "d035",
            "d039", "d132"]),
    dict(q="再生资源", kind="word", relevant=[
        "d008", "d012", "d014", "d016", "d019", "d020", "d021", "d022", "d028", "d035", "d036",
        "d041", "d042", "d043", "d082", "d116", "d127", "d133"]),
    dict(q="预算", kind="word", relevant=[
        "d004", "d007", "d008", "d011", "d012", "d013", "d064", "d074", "d075", "d076", "d077",
        "d079", "d080", "d084", "d086", "d087", "d090", "d093", "d097", "d107"]),
    dict(q="决算", kind="word", relevant=["d004", "d009", "d010", "d075", "d076", "d123"]),
    dict(q="农资", kind="word", relevant=[
        "d005", "d008", "d015", "d016", "d017", "d024", "d028", "d031", "d032", "d033", "d043",
        "d063", "d070"]),
    dict(q="化肥", kind="word", relevant=["d015", "d017", "d031", "d038", "d052", "d070"]),
    dict(q="三公经费", kind="word", relevant=[
        "d007", "d009", "d010", "d011", "d013", "d064", "d080", "d123"]),
    dict(q="垃圾分类", kind="word", relevant=["d022", "d061", "d066", "d133"]),
    dict(q="电子商务", kind="word", relevant=["d016", "d026", "d035", "d122"],
         equivalent=["d035"]),
    dict(q="电商", kind="abbrev", relevant=["d016", "d026", "d035", "d122"],
         equivalent=["d016"]),
    dict(q="庄稼医院", kind="word", relevant=["d012", "d033", "d036", "d037"]),
    dict(q="乡村振兴", kind="word", relevant=["d036", "d047", "d064"]),
    dict(q="最低工资", kind="word", relevant=["d096"]),
    dict(q="公开招聘", kind="word", relevant=["d095", "d112"]),
    dict(q="职称评审", kind="word", relevant=["d102"]),
    dict(q="养老保险", kind="word", relevant=["d094", "d103", "d104", "d114"]),
    dict(q="政府采购", kind="word", relevant=["d011", "d077", "d078"]),
    dict(q="专项资金", kind="word", relevant=["d064", "d081", "d082", "d107"]),
    dict(q="粮食生产", kind="word", relevant=["d045", "d068"]),
    dict(q="茶叶", kind="word", relevant=["d049"]),
    dict(q="茶", kind="word", relevant=["d027", "d040", "d047", "d049"]),
    dict(q="瓯柑", kind="word", relevant=["d027", "d047", "d048", "d059", "d071", "d134"]),
    dict(q="非洲猪瘟", kind="word", relevant=["d053"]),
    dict(q="安全生产", kind="word", relevant=["d020", "d024", "d034", "d126", "d130"]),
    dict(q="社有企业", kind="word", relevant=["d014", "d028", "d030", "d034", "d039"]),
    dict(q="基层社", kind="abbrev", relevant=[
        "d008", "d014", "d015", "d028", "d029", "d032", "d035", "d036", "d040", "d044", "d083",
        "d132"],
         equivalent=["d015"]),
    dict(q="储备", kind="word", relevant=["d008", "d017", "d038", "d070", "d137"]),
    dict(q="疫情防控", kind="word", relevant=["d005", "d031"]),
    dict(q="就业", kind="word", relevant=["d092", "d098", "d101", "d107", "d110", "d113"]),
    dict(q="补贴", kind="word", relevant=[
        "d045", "d046", "d062", "d065", "d088", "d092", "d098", "d113", "d125"]),
    dict(q="社会保险", kind="word", relevant=["d092", "d094", "d103", "d110", "d115"]),
    dict(q="两网融合", kind="word", relevant=["d022", "d127"]),
    dict(q="家庭农场", kind="word", relevant=["d051", "d056"]),
    dict(q="黄龙病", kind="word", relevant=["d048"]),
    dict(q="宅基地", kind="word", relevant=["d060"]),
    dict(q="政府债务", kind="word", relevant=["d079"]),
    dict(q="非税收入", kind="word", relevant=["d090"]),
    dict(q="稳岗返还", kind="word", relevant=["d108"]),
    dict(q="老字号", kind="word", relevant=["d124"]),
    dict(q="回收", kind="word", relevant=[
        "d008", "d012", "d014", "d019", "d020", "d022", "d023", "d035", "d036", "d042", "d043",
        "d063", "d082", "d116", "d117", "d127", "d133"]),
    # -- phrases ---------------------------------------------------------------------------
    dict(q="再生资源 回收网点", kind="phrase", relevant=[
        "d012", "d019", "d035", "d036", "d082", "d127"]),
    dict(q="农资 打假", kind="phrase", relevant=["d015"]),
    dict(q="部门预算 2019", kind="phrase", relevant=["d011", "d107"]),
    dict(q="政府信息公开工作年度报告", kind="phrase", relevant=[
        "d001", "d002", "d003", "d004", "d005", "d006", "d065", "d110", "d136"],
         equivalent=["d001", "d002"]),
    dict(q="废旧家电 回收", kind="phrase", relevant=["d023"]),
    dict(q="供销社 电子商务", kind="phrase", relevant=["d016", "d026", "d035", "d122"],
         equivalent=["d035"]),
    dict(q="农村电商服务站", kind="phrase", relevant=["d026", "d035", "d122"]),
    dict(q="化肥储备", kind="phrase", relevant=["d017", "d038", "d070"]),
    dict(q="高素质农民培育", kind="phrase", relevant=["d056"]),
    dict(q="瓯柑 扶持政策", kind="phrase", relevant=["d059", "d134"]),
    dict(q="事业单位公开招聘", kind="phrase", relevant=["d095", "d112"]),
    dict(q="农民工工资", kind="phrase", relevant=["d105"]),
    dict(q="《再生资源回收体系建设实施方案》", kind="phrase", relevant=["d019"]),
    # -- 文号 -------------------------------------------------------------------------------
    dict(q="鹿供〔2016〕12号", kind="doc_no", relevant=["d014"]),
    dict(q="鹿供〔2016〕", kind="doc_no", relevant=["d014", "d015", "d016", "d017", "d018"]),
    dict(q="2016 12", kind="doc_no", relevant=["d014"]),
    dict(q="鹿农〔2017〕10号", kind="doc_no", relevant=["d046"]),
    dict(q="鹿人社〔2018〕", kind="doc_no", relevant=["d095", "d115"]),
    dict(q="鹿财预", kind="doc_no", relevant=["d076", "d084"]),
    dict(q="鹿政办发〔2022〕16号", kind="doc_no", relevant=["d137"]),
    # -- 索引号 ------------------------------------------------------------------------------
    dict(q="014320144/2016-00003", kind="index", relevant=["d014"]),
    dict(q="002538470/2020-00006", kind="index", relevant=["d101"]),
    dict(q="2019-00004", kind="index", relevant=["d028", "d052", "d084", "d100"]),
    dict(q="014320144/2019", kind="index", relevant=[
        "d011", "d026", "d027", "d028", "d029", "d030"]),
    # -- precision traps -------------------------------------------------------------------
    dict(q="社会", kind="trap", relevant=[
        "d081", "d092", "d094", "d095", "d103", "d106", "d110", "d115", "d128", "d129"],
        note="not d029 供销社会议, d050 合作社会员"),
    dict(q="工资", kind="trap", relevant=["d096", "d097", "d105", "d115"],
         note="not d025 加工资金, d114 职工资格"),
    dict(q="学生", kind="trap", relevant=["d098", "d099"], note="not d055 科学生产"),
    dict(q="会员", kind="trap", relevant=["d050"], note="合作社会员 really is 会员"),
    dict(q="物资", kind="trap", relevant=["d019", "d021", "d137"],
         note="not d052 废弃物资源化"),
    # -- names -----------------------------------------------------------------------------
    dict(q="王建国", kind="name", relevant=["d016", "d101"],
         note="not d041 (王建华, 建国七十周年) or d100 (王建华, 陈建国)"),
    dict(q="陈晓燕", kind="name", relevant=["d016"]),
    dict(q="藤桥", kind="name", relevant=["d033", "d040", "d044", "d051", "d068", "d083"]),
    dict(q="双屿", kind="name", relevant=["d021"]),
    dict(q="七都", kind="name", relevant=["d040"]),
    dict(q="五马", kind="name", relevant=["d120", "d127"]),
    dict(q="仰义", kind="name", relevant=["d044", "d083"]),
]
