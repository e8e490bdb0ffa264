"""The national topic classification (主题分类) seeded into new installations.

It follows the 21 top-level subjects used by the State Council's 政府信息公开 catalogue
(gov.cn 主题分类), each with its common sub-topics. Agencies edit it freely in the admin.
"""

NATIONAL_TOPICS = [
    ("综合政务", ["政务公开", "政务督查", "电子政务", "应急管理", "其他"]),
    ("国民经济管理、国有资产监管", ["发展规划", "经济运行", "价格", "国有资产监管", "其他"]),
    ("财政、金融、审计", ["财政", "税务", "金融", "审计", "其他"]),
    ("国土资源、能源", ["土地", "矿产", "海洋", "测绘", "能源", "其他"]),
    ("农业、林业、水利", ["农业、畜牧业、渔业", "林业", "水利", "扶贫", "其他"]),
    ("工业、交通", ["工业", "信息产业（含电信）", "交通运输", "邮政", "其他"]),
    ("商贸、海关、旅游", ["国内贸易（含供销）", "对外经贸合作", "海关", "旅游", "其他"]),
    ("市场监管、安全生产监管", ["工商", "质量监督", "食品药品监管", "安全生产监管", "其他"]),
    ("城乡建设、环境保护", ["城乡规划", "城市建设", "住房保障", "环境监测、保护与治理",
                          "节能与资源综合利用", "其他"]),
    ("科技、教育", ["科技", "教育", "知识产权", "其他"]),
    ("文化、广电、新闻出版", ["文化", "广播电视", "新闻出版", "文物", "其他"]),
    ("卫生、体育", ["卫生", "医药管理", "体育", "其他"]),
    ("人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童", "其他"]),
    ("劳动、人事、监察", ["就业", "社会保障", "人事工作", "监察", "其他"]),
    ("公安、安全、司法", ["公安", "国家安全", "司法", "其他"]),
    ("民政、扶贫、救灾", ["社会福利", "减灾救灾", "社会组织", "行政区划与地名", "其他"]),
    ("民族、宗教", ["民族事务", "宗教事务", "其他"]),
    ("对外事务", ["外交、外事", "其他"]),
    ("港澳台侨工作", ["港澳", "台湾", "侨务", "其他"]),
    ("国防", ["国防动员", "其他"]),
    ("其他", []),
]


def seed_topics(topic_model):
    """Create the national topics unless the table already has topics. Returns the count."""
    if topic_model.objects.exists():
        return 0
    created = 0
    for order, (name, children) in enumerate(NATIONAL_TOPICS, start=1):
        parent = topic_model.objects.create(name=name, sort_order=order)
        created += 1
        for child_order, child in enumerate(children, start=1):
            topic_model.objects.create(name=child, parent=parent, sort_order=child_order)
            created += 1
    return created
