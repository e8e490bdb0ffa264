"""The column feeds are valid RSS 2.0 and Atom (RFC 4287): checked on the parsed XML, entry by
entry."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from . import factories as f

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def column():
    f.home_page()
    col = f.column(f.section(), "工作动态")
    sub = f.column(col, "通知公告")
    today = timezone.localdate()
    f.item(col, title="动态一", published_on=datetime.date(2025, 5, 1),
           document_number="鹿供〔2025〕1号", summary="第一条动态。")
    f.item(sub, title="通知二", published_on=today)
    f.power_item(sub, title="再生资源回收经营者备案", published_on=today - datetime.timedelta(1))
    return col


def is_url(text):
    parsed = urlparse(text or "")
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def test_rss_guids_that_are_not_urls_say_so(client, column):
    response = client.get(column.url + "feed/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    entries = channel.findall("item")
    assert len(entries) == 3
    for entry in entries:
        guid = entry.find("guid")
        assert guid is not None and guid.text
        if not is_url(guid.text):
            assert guid.get("isPermaLink") == "false", guid.text
        assert is_url(entry.find("link").text)
        assert entry.find("pubDate") is not None
        assert entry.find("title").text
    # the 索引号 is the guid
    guids = {e.find("guid").text for e in entries}
    assert all(re.fullmatch(r"\d{9}/\d{4}-\d{5}", g) for g in guids), guids


def test_atom_entries_have_the_required_elements(client, column):
    response = client.get(column.url + "feed/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # the feed: id, title, updated, and an author (or one in every entry)
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    ids = []
    for entry in entries:
        entry_id = entry.find(f"{ATOM}id")
        updated = entry.find(f"{ATOM}updated")
        assert entry_id is not None and entry_id.text
        assert updated is not None and updated.text
        # an IRI: a scheme, then the rest
        assert re.match(r"^[a-z][a-z0-9+.-]*:\S+$", entry_id.text), entry_id.text
        # RFC 3339
        datetime.datetime.fromisoformat(updated.text)
        published = entry.find(f"{ATOM}published")
        if published is not None:
            assert (datetime.datetime.fromisoformat(updated.text)
                    >= datetime.datetime.fromisoformat(published.text))
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        ids.append(entry_id.text)
    assert len(set(ids)) == len(ids)


def test_atom_ids_do_not_change_when_an_item_moves(client, column):
    before = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}id").text for e in ET.fromstring(
        client.get(column.url + "feed/atom/").content).findall(f"{ATOM}entry")}
    item = column.items().get(title="动态一")
    item.specific.move(f.column(column, "另一栏目"), pos="last-child")
    after = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}id").text for e in ET.fromstring(
        client.get(column.url + "feed/atom/").content).findall(f"{ATOM}entry")}
    assert before == after
    assert before["动态一"].startswith("tag:") and item.index_number in before["动态一"]


def test_publication_day_is_the_sites_day(client, column):
    """The 发布日期 2025-05-01 is midnight in Asia/Shanghai, not in UTC (it would read as
    08:00 there)."""
    channel = ET.fromstring(client.get(column.url + "feed/").content).find("channel")
    entry = next(e for e in channel.findall("item") if e.find("title").text == "动态一")
    assert entry.find("pubDate").text.endswith("00:00:00 +0800"), entry.find("pubDate").text
