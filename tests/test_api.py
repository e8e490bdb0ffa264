"""The headless side: every page type's public fields through API v2 (and v3 where present)."""

import datetime

import pytest
from django.conf import settings

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    section = f.section()
    col = f.column(section, title="政策法规", description="<p>本栏目</p>")
    new = f.item(col, title="新办法", kind="normative_document")
    old = f.item(col, title="旧办法", document_number="鹿供〔2015〕3号",
                 formation_date=datetime.date(2015, 1, 10), topic=f.topic("综合政务\\政务公开"),
                 validity="repealed", effective_date=datetime.date(2015, 2, 1),
                 repeal_date=datetime.date(2020, 1, 1), replaced_by=new, keywords="供销 制度",
                 summary="概述文本", channels=["weibo", "gazette"])
    power = f.power_item(col, title="再生资源回收经营者备案", power_kind="confirmation",
                         statutory_time_limit="20个工作日", promised_time_limit="5个工作日",
                         fees="不收费", enquiry_phone="0577-1", complaint_phone="0577-2",
                         process_steps=[("step", {"step": "受理", "responsible_post": "窗口",
                                                  "time_limit": "1个工作日", "description": ""})],
                         required_materials=[("material", {"name": "备案登记表",
                                                           "copies": "原件1份", "note": ""})])
    return {"section": section, "column": col, "old": old, "new": new, "power": power}


def test_v2_item_has_all_catalogue_metadata(client, catalogue):
    old = catalogue["old"]
    data = client.get(f"/api/v2/pages/{old.pk}/").json()
    assert data["index_number"] == old.index_number
    assert data["publishing_organ"] == {"id": old.organ_id, "name": "温州市鹿城区供销合作社",
                                        "code": "014320144"}
    assert data["document_number"] == "鹿供〔2015〕3号"
    assert data["formation_date"] == "2015-01-10"
    assert data["published_on"] == old.published_on.isoformat()
    assert data["topic_detail"]["path"] == "综合政务\\政务公开"
    assert (data["validity"], data["effective_date"], data["repeal_date"]) == (
        "repealed", "2015-02-01", "2020-01-01")
    assert data["replaced_by_detail"]["id"] == catalogue["new"].pk
    assert [c["code"] for c in data["publication_channels"]] == ["website", "weibo", "gazette"]
    assert data["summary"] == "概述文本" and data["keywords"] == "供销 制度"
    assert data["attachment_list"] == []


def test_v2_listing_a_column_with_filters(client, catalogue):
    col = catalogue["column"]
    response = client.get("/api/v2/pages/", {
        "type": "wagtail_disclosure.DisclosureItemPage", "descendant_of": col.pk,
        "fields": "index_number,published_on,publishing_organ", "order": "-published_on",
    })
    assert response.status_code == 200
    items = response.json()["items"]
    assert {i["title"] for i in items} == {"新办法", "旧办法", "再生资源回收经营者备案"}
    assert all(i["index_number"] for i in items)


def test_v2_power_item_steps_are_structured(client, catalogue):
    power = catalogue["power"]
    data = client.get(f"/api/v2/pages/{power.pk}/").json()
    assert data["power_kind"] == "confirmation"
    step = data["process_steps"][0]
    assert step["type"] == "step" and step["value"]["step"] == "受理"
    assert step["value"]["time_limit"] == "1个工作日"
    assert data["required_materials"][0]["value"]["name"] == "备案登记表"
    assert data["implementing_organ"]["code"] == "014320144"
    assert data["statutory_time_limit"] == "20个工作日"


def test_v2_section_and_column(client, catalogue):
    section = client.get(f"/api/v2/pages/{catalogue['section'].pk}/").json()
    assert section["office_name"] == "区供销社办公室"
    assert section["request_channels"] == ["in_person", "post", "online"]
    column = client.get(f"/api/v2/pages/{catalogue['column'].pk}/").json()
    assert column["description"] == "<p>本栏目</p>"


def test_drafts_are_not_in_the_api(client, catalogue):
    draft = f.item(catalogue["column"], title="草稿", publish=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_v3_exposes_the_same_fields_where_present(client, catalogue):
    old = catalogue["old"]
    response = client.get(f"/api/v3/pages/{old.pk}/")
    if not getattr(settings, "HAS_API_V3", False):
        # Wagtail 7.4 LTS has no API v3: the example site does not mount it
        assert response.status_code == 404
        return
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    flat = {**data, **data.get("fields", {})} if isinstance(data, dict) else {}
    assert flat.get("index_number") == old.index_number, data
    assert flat["publishing_organ"]["code"] == "014320144"
    power = client.get(f"/api/v3/pages/{catalogue['power'].pk}/").json()
    flat = {**power, **power.get("fields", {})}
    assert flat["process_steps"][0]["value"]["step"] == "受理"


def test_v2_search_understands_chinese(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        col = f.column()
        f.item(col, title="区供销社2014年政府信息公开工作报告")
        f.item(col, title="再生资源回收站点建设")
    response = client.get("/api/v2/pages/", {"search": "供销社",
                                             "type": "wagtail_disclosure.DisclosureItemPage"})
    assert response.status_code == 200
    assert [i["title"] for i in response.json()["items"]] == ["区供销社2014年政府信息公开工作报告"]
    empty = client.get("/api/v2/pages/", {"search": "！？"})
    assert empty.status_code == 200 and empty.json()["items"] == []
