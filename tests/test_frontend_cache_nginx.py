"""The nginx recipe of docs/how-to/cdn.md, run for real: nginx with ``proxy_cache`` and the
purge module in front of the site (pytest-django's live server), Wagtail's
``frontend_cache`` HTTPBackend purging it. The recipe file the docs show is the one started
here (only its addresses are replaced).

What it proves: nginx keeps the package's pages (a second read is an nginx HIT, the site is
not asked); a publication is on the very next read through nginx, for the item, its column
and the section (the package purges them once the change is committed); visitors with a
session, query strings, the request form and the admin are never kept by nginx.
"""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import factories
from tests.conftest import require_or_skip
from tests.net import free_port

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPO = Path(__file__).resolve().parent.parent
RECIPE = REPO / "docs/how-to/nginx-page-cache.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
HOST = "localhost"  # the default site's host name: the pages' full URLs, so the purges' Host


def recipe_for(port, upstream, cache_dir):
    text = RECIPE.read_text()
    for old, new in (("listen 80;", f"listen 127.0.0.1:{port};"),
                     ("http://127.0.0.1:8000", upstream),
                     ("/var/cache/nginx/disclosure", str(cache_dir))):
        assert old in text, old  # the recipe still says what the docs explain
        text = text.replace(old, new)
    return text


@pytest.fixture
def nginx(live_server, tmp_path):
    require_or_skip(Path(NGINX).exists() and PURGE_MODULE.exists(),
                    "nginx and libnginx-mod-http-cache-purge are not installed")
    port = free_port()
    (tmp_path / "logs").mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "site.conf").write_text(recipe_for(port, live_server.url, tmp_path / "cache"))
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(f"""
{user}
load_module {PURGE_MODULE};
worker_processes 1;
error_log {tmp_path}/logs/error.log;
pid {tmp_path}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log {tmp_path}/logs/access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/site.conf;
}}
""")
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/nginx-is-up/", timeout=2)
        except urllib.error.HTTPError:
            break  # the site's 404: nginx answers
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def cdn_settings(settings, nginx):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": True,
                                   "PAGE_CACHE_SHARED_MAX_AGE": 600}
    settings.WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": nginx}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return nginx


def read(base, path, cookie=None):
    request = urllib.request.Request(base + path, headers={"Host": HOST})
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.headers, response.read().decode()


def test_nginx_keeps_the_pages_and_a_publication_is_seen_on_the_next_read(cdn_settings):
    base = cdn_settings
    section = factories.section()
    column = factories.column(title="政策文件")
    item = factories.item(column, title="关于农资储备的通知")
    pages = {"section": section.url, "column": column.url, "item": item.url}
    for name, path in pages.items():
        first, _html = read(base, path)
        assert first["X-Proxy-Cache"] == "MISS", name
        assert "s-maxage=600" in first["Cache-Control"] and "public" in first["Cache-Control"]
        second, html = read(base, path)
        assert second["X-Proxy-Cache"] == "HIT", name  # nginx answered; the site was not asked
        assert "X-Disclosure-Cache" in second  # the header the site sent with it

    item.title = "关于农资储备的通知（修订）"
    item.save_revision().publish()
    added = factories.item(column, title="关于冬春农资供应的通知")

    for name, path in pages.items():
        headers, html = read(base, path)
        assert headers["X-Proxy-Cache"] == "MISS", name  # purged on the commit
        if name != "item":
            assert "关于冬春农资供应的通知" in html, name
    assert "（修订）" in read(base, pages["item"])[1]
    assert "（修订）" in read(base, pages["column"])[1]
    assert read(base, added.url)[0]["X-Proxy-Cache"] == "MISS"


def test_nginx_never_keeps_personal_pages_or_query_strings(cdn_settings):
    base = cdn_settings
    section = factories.section()
    column = factories.column(title="政策文件")
    factories.item(column, title="关于农资储备的通知")
    form = factories.request_form_page(parent=section)
    for path in (column.url + "?year=2024", form.url, form.url + "track/", "/admin/login/"):
        for _ in range(2):
            headers, _html = read(base, path)
            assert headers["X-Proxy-Cache"] in ("BYPASS", "MISS"), path
    for _ in range(2):
        headers, _html = read(base, column.url, cookie="sessionid=anything")
        assert headers["X-Proxy-Cache"] == "BYPASS"
        assert "private" in headers["Cache-Control"]
