"""``import_annual_report``: real reports become pages; bad input creates nothing (issue 4)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests import factories as f
from wagtail_disclosure.models import AnnualReportPage
from wagtail_disclosure.reports import format as fmt

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
SAMPLE = Path(__file__).parent.parent / "wagtail_disclosure" / "data" / (
    "legacy-annual-report-2014.txt")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args):
    out = StringIO()
    call_command("import_annual_report", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_2014_sample_imports_with_its_sections_and_stated_figures(client):
    index, organ = f.report_index(), f.organ()
    output = run(SAMPLE, "--parent", index.pk, "--organ", organ.pk, "--publish")
    assert "Created page" in output and "junk" in output
    page = AnnualReportPage.objects.get()
    assert page.live and page.year == 2014 and page.report_format == "legacy"
    assert [o.pk for o in page.organs.all()] == [organ.pk]
    headings = [b.value["heading"] for b in page.body if b.block_type == "section"]
    assert headings[0].startswith("一、全面保障") and len(headings) == 5
    stats = client.get(f"/api/v2/pages/{page.pk}/").json()["statistics"]
    assert stats["format"] == "legacy" and stats["year"] == 2014
    assert stats["stated"]["proactive_total"] == 55
    assert stats["stated"]["requests_received"] == 0
    assert stats["channels"] == {"total": 55, "internal_report": 47, "website": 28, "weibo": 8}
    assert {"label": "政务微博主动发布信息数", "value": 8, "unit": "条",
            "measure": "channel:weibo"} in stats["indicators"]
    assert stats["checks"] == []
    html = client.get(page.url).content.decode()
    assert "政务微博主动发布信息数" in html and "|||" not in html


def test_a_2021_format_report_imports_its_tables_as_figures(client):
    index = f.report_index()
    source = FIXTURES / "shuyang-fgj-2023.html"
    output = run(source, "--parent", index.pk)
    page = AnnualReportPage.objects.get()
    assert not page.live  # a draft without --publish
    assert page.report_format == "2021" and page.figures_source == "imported"
    assert "table 三" in output
    stats = page.effective_statistics()
    assert len(stats["requests"]) == 25
    assert stats["requests"][0]["values"][6] == fmt.request_row(stats, "new")["values"][6]
    tables = [b.value["content"] for b in page.body if b.block_type == "section"]
    placed = [c.value["table"] for content in tables for c in content if c.block_type == "table"]
    assert placed == ["proactive", "requests", "review"]
    # the imported figures are not recomputed from this site's (empty) data
    assert page.figures_are_stale() is False


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"%PDF-1.4\x00\x01\x02\xff\xfe binary", ""),
    ("<html><body><h1>区供销社召开工作会议</h1><p>会议部署了全年工作。</p></body></html>"
     .encode(), ""),
])
def test_bad_files_end_with_a_clear_message_and_create_nothing(tmp_path, content, message):
    index = f.report_index()
    path = tmp_path / "report.html"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(path, "--parent", index.pk)
    assert message in str(error.value).lower()
    assert str(error.value)
    assert not AnnualReportPage.objects.exists()


def test_an_enormous_file_is_refused_before_it_is_read(tmp_path):
    index = f.report_index()
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(CommandError, match="limit"):
        run(path, "--parent", index.pk, "--max-bytes", 1024)
    assert not AnnualReportPage.objects.exists()


def test_a_report_without_a_year_needs_one(tmp_path):
    index = f.report_index()
    text = SAMPLE.read_text(encoding="utf-8").replace("2014年", "今年").replace("2015年", "明年")
    path = tmp_path / "noyear.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="--year"):
        run(path, "--parent", index.pk)
    assert not AnnualReportPage.objects.exists()
    run(path, "--parent", index.pk, "--year", 2014)
    assert AnnualReportPage.objects.get().year == 2014


@pytest.mark.parametrize("args, message", [
    (["--parent", 999999], "not an annual reports column"),
    (["--organ", 999999], "no publishing organ"),
])
def test_wrong_ids_are_refused(args, message):
    index = f.report_index()
    if args[0] == "--organ":
        args = ["--parent", index.pk, *args]
    with pytest.raises(CommandError, match=message):
        run(SAMPLE, *args)


def test_a_missing_file_is_refused():
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/report.html", "--parent", f.report_index().pk)


def test_nothing_is_left_half_done_when_saving_fails(monkeypatch):
    from wagtail_disclosure.reports.pages import AnnualReportPage as Model

    index = f.report_index()

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Model, "save_revision", broken)
    with pytest.raises(RuntimeError):
        run(SAMPLE, "--parent", index.pk)
    assert not Model.objects.exists()
