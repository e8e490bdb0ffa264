"""Applicants' files are never served by a media URL, also in development (DEBUG)."""

import importlib

import pytest
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches, resolve

from wagtail_disclosure.media import is_private_media_path, serve_public_media

PRIVATE_SPELLINGS = [
    "disclosure_private/2026/05/scan.pdf",
    "./disclosure_private/2026/05/scan.pdf",
    "images/../disclosure_private/2026/05/scan.pdf",
    "disclosure_private%2F2026%2F05%2Fscan.pdf",
    "%64isclosure_private/2026/05/scan.pdf",
    "Disclosure_Private/2026/05/scan.pdf",
    "disclosure_private\\2026\\05\\scan.pdf",
    "/disclosure_private/2026/05/scan.pdf",
    "disclosure_private",
]


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "disclosure_private" / "2026" / "05").mkdir(parents=True)
    (tmp_path / "disclosure_private" / "2026" / "05" / "scan.pdf").write_bytes(b"%PDF-1.4 ID")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"\x89PNG public")
    return tmp_path


@pytest.mark.parametrize("path", PRIVATE_SPELLINGS)
def test_every_spelling_of_the_private_folder_is_refused(media, path):
    assert is_private_media_path(path)
    with pytest.raises(Http404):
        serve_public_media(RequestFactory().get("/media/" + path), path,
                           document_root=str(media))


def test_public_media_is_still_served(media):
    response = serve_public_media(RequestFactory().get("/media/images/logo.png"),
                                  "images/logo.png", document_root=str(media))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG public"
    assert not is_private_media_path("images/disclosure_private_notes.png")
    assert not is_private_media_path("disclosure_private_old/x.pdf")


@pytest.mark.django_db
def test_the_example_project_serves_media_without_the_private_folder_in_debug(media, client):
    import agency.urls

    try:
        with override_settings(DEBUG=True):
            importlib.reload(agency.urls)
            clear_url_caches()
            match = resolve("/media/disclosure_private/2026/05/scan.pdf")
            assert match.func is serve_public_media
            assert client.get("/media/disclosure_private/2026/05/scan.pdf").status_code == 404
            assert client.get("/media/images/../disclosure_private/2026/05/scan.pdf"
                              ).status_code == 404
            assert client.get("/media/images/logo.png").status_code == 200
    finally:
        importlib.reload(agency.urls)
        clear_url_caches()
