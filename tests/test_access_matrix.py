"""The access matrix (``tests/access_matrix.py``): every (target, role) cell is requested on the
example site and its answer classified; the classification must be the expected cell.

The data is built once for the module (``tests/access_world.py``) inside a transaction rolled
back at the end; each cell runs in its own savepoint, so a POST changes nothing for the next.
"""

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import django
import pytest
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests import access_matrix as matrix
from tests import access_world

SITEMAP_TEMPLATES = str(Path(django.__file__).parent / "contrib" / "sitemaps" / "templates")


# -- the classifier --------------------------------------------------------------------------


def body_text(response):
    """What a reader of the answer sees: the body (a spreadsheet's cells, JSON with its
    escapes decoded, HTML entities decoded) and the file name it is saved under."""
    if getattr(response, "streaming", False):
        # (the test client closes it when the content is read: closing it again here would
        # send request_finished, and Django would close the database connection of the test)
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        text = " ".join(str(cell) for sheet in book.worksheets
                        for row in sheet.iter_rows(values_only=True)
                        for cell in row if cell is not None)
    else:
        text = content.decode("utf-8", "replace").lstrip("\ufeff")
        if "json" in kind:
            try:
                text = json.dumps(json.loads(text), ensure_ascii=False)
            except ValueError:
                pass
    return html.unescape(text) + " " + unquote(response.get("Content-Disposition", ""))


def found(name, texts, text):
    value = texts[name]
    if name in access_world.WHOLE_WORDS:
        return re.search(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", text) is not None
    return value in text


def classify(response, target, texts):
    """The cell (``access_matrix.CELLS``) that ``response`` to ``target`` falls in; a server
    error is ``"ERROR <status>"``, never a cell."""
    status = response.status_code
    if status >= 500:
        return f"ERROR {status}"
    text = "" if 300 <= status < 400 else body_text(response)
    if any(found(name, texts, text) for name in target.secrets):
        return matrix.FULL  # whatever the status: an error page must not leak either
    if 300 <= status < 400:
        where = urlsplit(response["Location"]).path
        if "/login/" in where:
            return matrix.LOGIN
        if where == "/admin/":  # Wagtail's answer to a permission denied
            return matrix.DENY
        return matrix.REDIRECT
    if status in (401, 403):
        return matrix.DENY
    if status == 404:
        return matrix.NOT_FOUND
    if status >= 400:
        return matrix.REFUSED
    if target.masked and found(target.masked, texts, text):
        return matrix.MASKED
    if target.shows and not found(target.shows, texts, text):
        return matrix.EMPTY
    return matrix.OK


# -- the data --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], SITEMAP_TEMPLATES]
    media = tmp_path_factory.mktemp("access-media")
    with override_settings(ROOT_URLCONF="tests.access_urls", MEDIA_ROOT=str(media),
                           TEMPLATES=templates), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield access_world.build(matrix.ROLES, media)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _fill(value, values):
    if isinstance(value, str):
        return value.format(**values)
    return value


def fetch(world, target, role):
    values = {**world.texts, **world.values}
    client = world.clients[role.key]
    client.cookies.pop("messages", None)  # no message of an earlier cell on this page
    url = target.url.format(**values)
    headers = {name: _fill(value, values) for name, value in target.headers.items()}
    if target.token and role.key in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[role.key]}"
    if target.method == "GET":
        return url, client.get(url, headers=headers)
    data = {name: _fill(value, values) for name, value in target.data.items()}
    if target.json:
        return url, client.post(url, json.dumps(data), content_type="application/json",
                                headers=headers)
    return url, client.post(url, data, headers=headers)


def _has_api_v3():
    from django.conf import settings

    return getattr(settings, "HAS_API_V3", False)


#: Wagtail 7.4 LTS has no API v3 (nor its tokens): those rows are for Wagtail 8.
WITHOUT_V3 = pytest.mark.skipif(not _has_api_v3(), reason="Wagtail 7.4 has no API v3")
CELLS = [pytest.param(target, role, id=f"{target.key}-{role.key}",
                      marks=[WITHOUT_V3] if target.token else [])
         for target in matrix.TARGETS for role in matrix.ROLES]


@pytest.mark.parametrize(("target", "role"), CELLS)
def test_cell(world, db, target, role):
    url, response = fetch(world, target, role)
    expected = target.expect[matrix.ROLE_KEYS.index(role.key)]
    got = classify(response, target, world.texts)
    assert got == expected, (
        f"{role.label} ({role.key}) on {target.label} ({target.key}): {target.method} {url} "
        f"answered {response.status_code}"
        + (f" → {response['Location']}" if response.has_header("Location") else "")
        + f"; expected {expected}, got {got}")


# -- the classifier itself -------------------------------------------------------------------

TEXTS = {**access_world.APPLICANT, **access_world.APPLICANT_MASKED, "reply": "乙丙丁",
         "open_tracking": "2026-000001"}
ADMIN_TARGET = matrix.Target("t", "g", "t", "/", (), masked="masked_id")
SHOWING_TARGET = matrix.Target("t", "g", "t", "/", (), secrets=matrix.NUMBERS, shows="reply")


def test_the_classifier_sees_a_leak_in_every_form():
    id_number, name = TEXTS["id_number"], TEXTS["name"]
    assert classify(HttpResponse(f"<td>{id_number}</td>"), ADMIN_TARGET, TEXTS) == matrix.FULL
    escaped = json.dumps({"name": name})  # \uXXXX escapes
    assert name not in escaped
    assert classify(HttpResponse(escaped, content_type="application/json"), ADMIN_TARGET,
                    TEXTS) == matrix.FULL
    assert classify(HttpResponse(html.escape(TEXTS["email"]).replace("@", "&#64;")),
                    ADMIN_TARGET, TEXTS) == matrix.FULL
    download = HttpResponse(b"%PDF")
    download["Content-Disposition"] = "attachment; filename*=utf-8''" + "".join(
        f"%{byte:02X}" for byte in f"{name}.pdf".encode())
    assert classify(download, ADMIN_TARGET, TEXTS) == matrix.FULL
    denied = HttpResponse(f"<p>{TEXTS['phone']}</p>", status=403)
    assert classify(denied, ADMIN_TARGET, TEXTS) == matrix.FULL


def test_the_classifier_reads_spreadsheets():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["2025-000001", TEXTS["address"]])
    content = io.BytesIO()
    book.save(content)
    response = HttpResponse(content.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    assert TEXTS["address"].encode() not in content.getvalue()  # zipped
    assert classify(response, ADMIN_TARGET, TEXTS) == matrix.FULL


def test_the_classifier_tells_the_other_cells_apart():
    masked = HttpResponse(f"<td>{TEXTS['masked_id']}</td>")
    assert classify(masked, ADMIN_TARGET, TEXTS) == matrix.MASKED
    assert classify(HttpResponse("<p>nothing</p>"), ADMIN_TARGET, TEXTS) == matrix.OK
    assert classify(HttpResponse("<p>nothing</p>"), SHOWING_TARGET, TEXTS) == matrix.EMPTY
    assert classify(HttpResponse("<p>乙丙丁</p>"), SHOWING_TARGET, TEXTS) == matrix.OK
    assert classify(HttpResponseRedirect("/admin/login/?next=/admin/x/"), ADMIN_TARGET,
                    TEXTS) == matrix.LOGIN
    assert classify(HttpResponseRedirect("/admin/"), ADMIN_TARGET, TEXTS) == matrix.DENY
    assert classify(HttpResponseRedirect("/zfxxgk/"), ADMIN_TARGET, TEXTS) == matrix.REDIRECT
    assert classify(HttpResponse(status=403), ADMIN_TARGET, TEXTS) == matrix.DENY
    assert classify(HttpResponse(status=401), ADMIN_TARGET, TEXTS) == matrix.DENY
    assert classify(HttpResponse(status=404), ADMIN_TARGET, TEXTS) == matrix.NOT_FOUND
    assert classify(HttpResponse(status=422), ADMIN_TARGET, TEXTS) == matrix.REFUSED
    assert classify(HttpResponse(status=500), ADMIN_TARGET, TEXTS) == "ERROR 500"


def test_a_tracking_number_is_matched_as_a_whole_word():
    listed = matrix.Target("t", "g", "t", "/", (), masked="open_tracking")
    assert classify(HttpResponse("<td>2026-000001</td>"), listed, TEXTS) == matrix.MASKED
    assert classify(HttpResponse("<td>YJ2026-000001</td>"), listed, TEXTS) == matrix.OK
    assert classify(HttpResponse("<td>2026-0000012</td>"), listed, TEXTS) == matrix.OK


# -- the matrix is whole ---------------------------------------------------------------------


def test_every_row_has_one_known_cell_per_role():
    keys = [target.key for target in matrix.TARGETS]
    assert len(keys) == len(set(keys))
    for target in matrix.TARGETS:
        assert len(target.expect) == len(matrix.ROLES), target.key
        assert set(target.expect) <= set(matrix.CELLS), target.key
        for name in (*target.secrets, target.masked, target.shows):
            assert not name or name in access_world.TEXT_NAMES, (target.key, name)


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            module = getattr(getattr(callback, "view_class", callback), "__module__", "")
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), module


def package_routes():
    """The package's URL names: every admin URL below ``admin/disclosure/`` or served by the
    package's code, the request API's, and the routes of the package's routable pages."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    from wagtail_disclosure import models

    names = set()
    for route, name, module in _routes(get_resolver("tests.access_urls").url_patterns):
        if route.startswith(("admin/", "api/disclosure/")) and (
                "disclosure" in route or module.startswith("wagtail_disclosure")):
            names.add(name)
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, RoutablePageMixin):
            paths = set()
            for pattern in value.get_subpage_urls():  # the first of a path is the one served
                if str(pattern.pattern) not in paths:
                    paths.add(str(pattern.pattern))
                    names.add(f"{value.__name__}:{pattern.name}")
    return names


def test_every_route_of_the_package_is_in_the_matrix():
    covered = {target.route for target in matrix.TARGETS if target.route}
    routes = package_routes()
    assert len(routes) > 60  # the walk found the admin's views
    missing = sorted(name for name in routes - covered
                     if not name.startswith(tuple(matrix.NOT_IN_MATRIX)))
    assert not missing, ("URLs of the package without a row in tests/access_matrix.py (add a "
                         f"target, or a reason to NOT_IN_MATRIX): {missing}")
    stale = sorted(covered - routes)
    assert not stale, f"targets naming routes that do not exist: {stale}"


def test_the_docs_page_is_generated_from_the_matrix():
    committed = matrix.DOCS_PAGE.read_text(encoding="utf-8") if matrix.DOCS_PAGE.exists() else ""
    assert committed == matrix.render_markdown(), (
        "docs/reference/access-matrix.md is not what tests/access_matrix.py gives: run "
        "`python -m tests.access_matrix --write` from the repository root")
