"""Installing the package as a developer would: the wheel, and docs/how-to/add-to-your-site.md
followed step by step on a stock ``wagtail start`` project.

Both run offline: the wheel is built with ``--no-build-isolation`` (setuptools comes with the
``test`` extra) and the project uses the package installed in this virtualenv.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path


REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "wagtail_disclosure"
BIN = Path(sys.executable).parent


def _run(args, cwd, expect_success=True):
    """Run a command with a clean environment (no DJANGO_SETTINGS_MODULE of the test run, no
    package index), returning its combined output; an unexpected exit status shows it."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    env.update(PIP_NO_INDEX="1", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=900)
    output = result.stdout + result.stderr
    assert (result.returncode == 0) == expect_success, (
        f"{' '.join(map(str, args))} exited with {result.returncode}:\n{output}")
    return output


def _data_files():
    """Every file the package ships besides its Python modules, plus its migrations."""
    files = set()
    for folder in ("templates", "static", "locale", "data", "migrations"):
        for path in (PACKAGE / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.add(path.relative_to(REPO).as_posix())
    return files


def test_the_wheel_builds_without_warnings_and_ships_every_data_file(tmp_path):
    # build from a copy, so that the checkout gets no build/ or egg-info changes
    source = tmp_path / "src"
    source.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md",
                 "MANIFEST.in"):
        (source / name).write_bytes((REPO / name).read_bytes())
    subprocess.run(["cp", "-r", str(PACKAGE), str(source)], check=True)

    output = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                   "-w", tmp_path / "dist", source], cwd=tmp_path)

    assert "would be ignored" not in output
    assert "SetuptoolsDeprecationWarning" not in output and "SetuptoolsWarning" not in output
    (wheel,) = (tmp_path / "dist").glob("wagtail_disclosure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _data_files()
    assert {"wagtail_disclosure/templates/wagtail_disclosure/base.html",
            "wagtail_disclosure/static/wagtail_disclosure/css/disclosure.css",
            "wagtail_disclosure/locale/zh_Hans/LC_MESSAGES/django.mo",
            "wagtail_disclosure/locale/zh_Hans/LC_MESSAGES/django.po",
            "wagtail_disclosure/migrations/0001_initial.py",
            "wagtail_disclosure/data/legacy-annual-report-2014.txt"} <= expected
    assert expected - names == set()
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Classifier: Framework :: Wagtail :: 7" in text
    assert "Classifier: Framework :: Wagtail :: 8" in text


# What a developer does to a stock `wagtail start` project, exactly as
# docs/how-to/add-to-your-site.md says ("In short: a project made with wagtail start").
# Keep the two in step: each edit below is one step of that list.
HOW_TO_APPS = '''    "wagtail_disclosure",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
'''
HOW_TO_SETTINGS = '''
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
DEFAULT_FROM_EMAIL = "政府信息公开 <zfxxgk@example.gov.cn>"
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
                  "wagtail_disclosure.middleware.RequestFormUploadGuard")
'''
HOW_TO_URL_IMPORT = "from wagtail_disclosure.api.requests import api as disclosure_api\n"
HOW_TO_URL = '    path("api/disclosure/", disclosure_api.urls),\n'
HOW_TO_BASE_OVERRIDE = '''\
{% extends "wagtail_disclosure/base.html" %}
{% load static %}
{% block extra_css %}<link rel="stylesheet" href="{% static 'css/mysite.css' %}">{% endblock %}
{% block header %}{% include "includes/header.html" %}{% endblock %}
'''

# "Or use your site's base template": the page content and the package's breadcrumbs inside the
# site's own base.html (a wagtail start project's has title, extra_css, body_class and content).
HOW_TO_SITE_BASE_OVERRIDE = '''\
{% extends "base.html" %}
{% load static %}
{% block extra_css %}
  {{ block.super }}
  <link rel="stylesheet" href="{% static 'wagtail_disclosure/css/disclosure.css' %}">
  {% block extra_head %}{% endblock %}
{% endblock %}
{% block content %}
<div class="wd-body">
  {% include "wagtail_disclosure/includes/breadcrumbs.html" %}
  <main id="main" class="wd-main wd-container" tabindex="-1">
    {% block disclosure_main %}{% endblock %}
  </main>
</div>
{% endblock %}
'''


def _apply_how_to(project):
    settings = project / "mysite" / "settings" / "base.py"
    text = settings.read_text()
    # 1. INSTALLED_APPS: the package and the two Wagtail apps a wagtail start project lacks,
    #    after the project's own apps
    assert '    "search",\n' in text
    text = text.replace('    "search",\n', '    "search",\n' + HOW_TO_APPS, 1)
    # 2. language, time zone and the sender of the emails
    settings.write_text(text + HOW_TO_SETTINGS)
    # 3. the request API, before Wagtail's catch-all
    urls = project / "mysite" / "urls.py"
    text = urls.read_text()
    assert 'urlpatterns = [\n' in text
    text = text.replace("urlpatterns = [\n", "urlpatterns = [\n" + HOW_TO_URL, 1)
    text = HOW_TO_URL_IMPORT + text
    urls.write_text(text)


def test_the_how_to_works_on_a_stock_wagtail_start_project(tmp_path):
    project = tmp_path / "mysite"
    project.mkdir()
    _run([BIN / "wagtail", "start", "mysite", project], cwd=tmp_path)
    manage = [sys.executable, project / "manage.py"]

    # Adding only the package: the checks name the two apps a wagtail start project lacks
    settings = project / "mysite" / "settings" / "base.py"
    stock = settings.read_text()
    settings.write_text(
        stock.replace('    "search",\n', '    "search",\n    "wagtail_disclosure",\n', 1))
    output = _run(manage + ["check"], cwd=project, expect_success=False)
    assert "wagtail_disclosure.E040" in output
    assert "wagtail_disclosure.E041" in output
    assert "wagtail_disclosure.W104" in output
    assert "Traceback" not in output
    settings.write_text(stock)

    _apply_how_to(project)
    output = _run(manage + ["check"], cwd=project)
    assert "wagtail_disclosure.E" not in output and "W104" not in output
    assert "W106" not in output
    _run(manage + ["migrate", "--noinput"], cwd=project)
    created = _run(manage + ["disclosure_create_section"], cwd=project)
    assert "13 page(s) created" in created

    # 7. the documented override of the package's base template, with the site's header
    templates = project / "mysite" / "templates"
    (templates / "wagtail_disclosure").mkdir()
    (templates / "wagtail_disclosure" / "base.html").write_text(HOW_TO_BASE_OVERRIDE)
    (templates / "includes").mkdir(exist_ok=True)
    (templates / "includes" / "header.html").write_text(
        '<header class="mysite-header">我的网站页眉</header>\n')

    fetch = textwrap.dedent('''
        import json
        from django.test import Client
        client = Client()
        result = {}
        for url in ("/zfxxgk/", "/zfxxgk/fdzdgknr/zcwj/", "/zfxxgk/gknb/",
                    "/api/disclosure/openapi.json"):
            response = client.get(url)
            result[url] = [response.status_code, response.content.decode()]
        print(json.dumps(result))
    ''')
    output = _run(manage + ["shell", "-c", fetch], cwd=project)
    pages = json.loads(output.strip().splitlines()[-1])
    assert {url: status for url, (status, _) in pages.items()} == {
        "/zfxxgk/": 200, "/zfxxgk/fdzdgknr/zcwj/": 200, "/zfxxgk/gknb/": 200,
        "/api/disclosure/openapi.json": 200}
    section, column, reports, schema = (body for _, body in pages.values())
    assert "<title>政府信息公开" in section and "政府信息公开指南" in section
    assert "政策文件" in column
    assert "政府信息公开年报" in reports
    assert '"openapi"' in schema
    # the override kept the package's layout and added the site's header and stylesheet
    head = column.split("</head>")[0]
    assert "css/mysite.css" in head and "wagtail_disclosure/css/disclosure.css" in head
    assert "我的网站页眉" in column
    assert 'class="wd-body' in column and "wd-breadcrumbs" in column

    # the other documented override: the site's own base.html frames the section
    (templates / "wagtail_disclosure" / "base.html").write_text(HOW_TO_SITE_BASE_OVERRIDE)
    site_base = (templates / "base.html").read_text()
    assert "{% block content %}" in site_base and "css/mysite.css" in site_base
    fetch_column = textwrap.dedent('''
        import json
        from django.test import Client
        response = Client().get("/zfxxgk/fdzdgknr/zcwj/")
        print(json.dumps([response.status_code, response.content.decode()]))
    ''')
    output = _run(manage + ["shell", "-c", fetch_column], cwd=project)
    status, framed = json.loads(output.strip().splitlines()[-1])
    assert status == 200
    head, body = framed.split("</head>", 1)
    # the site's <head> (its stylesheet) with the package's stylesheet and the feed links
    assert "css/mysite.css" in head and "wagtail_disclosure/css/disclosure.css" in head
    assert 'type="application/rss+xml"' in head
    # the page templates' body_class reached the site's <body>
    assert re.search(r'<body class="[^"]*wd-page-column', body)
    # the package's breadcrumbs, typography wrapper, tree and the column's own content
    assert '<div class="wd-body">' in body and 'class="wd-breadcrumbs' in body
    assert '<main id="main"' in body and "wd-tree-nav" in body
    assert "<h1>政策文件</h1>" in body
    # and nothing of the package's own page frame (its header, its second <body>)
    assert "wd-site-header" not in body and body.count("<body") == 1
    assert '<main id="main"' in column

