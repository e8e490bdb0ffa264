"""Reading applicants' uploads whose file names are not in UTF-8.

Old browsers and some Chinese-locale clients (and scripts) send the ``filename`` of a
multipart part in GBK/GB18030. Django decodes each part's headers as UTF-8 and, when that
fails, skips the header, so the part loses its ``Content-Disposition`` and the file is
dropped without a word: the applicant believes the ID-card scan was sent.

:class:`LegacyFileNameUploadHandler` goes first in ``request.upload_handlers`` (the package's
:class:`~wagtail_disclosure.middleware.RequestFormUploadGuard` puts it there for the request
form) and has Django parse the body through :class:`HeaderTranscodingStream`, which rewrites
only the header lines of each part that are not UTF-8: decoded as GB18030 (a superset of GBK
and GB2312) when they are that, else with U+FFFD for what cannot be read. The file's content is
never changed, and the stream holds back at most one header block, so memory does not grow with
the body.
"""

import re

from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser

#: Django reads at most this many bytes of a part's headers (multipartparser.MAX_TOTAL_HEADER_SIZE
#: in Django 5.2 is 1024); a block longer than this is passed through untouched.
MAX_HEADER_BLOCK = 8192


def transcode_header_line(line):
    """A header line as UTF-8: unchanged when it is, GB18030 re-encoded when it is that."""
    try:
        line.decode("utf-8")
        return line
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        return line.decode("utf-8", errors="replace").encode("utf-8")


class HeaderTranscodingStream:
    """A file-like wrapper of a multipart body whose parts' header lines are made UTF-8."""

    def __init__(self, stream, boundary, chunk_size=64 * 1024):
        self._stream = stream
        self._delimiter = b"--" + boundary + b"\r\n"
        self._block = re.compile(
            re.escape(self._delimiter) + rb"(.{0,%d}?)\r\n\r\n" % MAX_HEADER_BLOCK, re.S)
        self._pending = b""
        self._eof = False
        self._chunk_size = chunk_size

    def _fix(self, data):
        def fix_block(match):
            lines = match.group(1).split(b"\r\n")
            return self._delimiter + b"\r\n".join(map(transcode_header_line, lines)) + b"\r\n\r\n"

        return self._block.sub(fix_block, data)

    def _safe_cut(self):
        """How much of the pending bytes is final: all at the end; else up to the start of a
        delimiter whose header block is not complete yet, or short of a delimiter's length
        (one may be split between two reads)."""
        if self._eof:
            return len(self._pending)
        last = self._pending.rfind(self._delimiter)
        if last != -1 and self._pending.find(b"\r\n\r\n", last) == -1:
            if len(self._pending) - last <= MAX_HEADER_BLOCK + len(self._delimiter) + 4:
                return last
        return max(0, len(self._pending) - len(self._delimiter) + 1)

    def read(self, size=-1):
        while True:
            if not self._eof:
                chunk = self._stream.read(self._chunk_size if size is None or size < 0
                                          else max(size, 1))
                if not chunk:
                    self._eof = True
                self._pending = self._fix(self._pending + chunk)
            cut = self._safe_cut()
            if cut or self._eof:
                out, self._pending = self._pending[:cut], self._pending[cut:]
                return out


class LegacyFileNameUploadHandler(FileUploadHandler):
    """Parses the request's multipart body through :class:`HeaderTranscodingStream` with the
    request's other upload handlers, so a GBK file name arrives decoded instead of the file
    being dropped."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        others = [h for h in self.request.upload_handlers if h is not self]
        boundary = boundary if isinstance(boundary, bytes) else boundary.encode("ascii")
        parser = MultiPartParser(META, HeaderTranscodingStream(input_data, boundary), others,
                                 encoding)
        return parser.parse()

    def receive_data_chunk(self, raw_data, start):  # pragma: no cover - never reached
        return raw_data

    def file_complete(self, file_size):  # pragma: no cover - never reached
        return None
