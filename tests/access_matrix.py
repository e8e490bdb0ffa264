"""The access matrix: who reaches which URL that touches requests, letters, attachments, review
cases, feedback, registers or personal data, and what they see there (issue 13).

This module is the data: the roles, the targets (URLs) and the expected cell of every
(target, role). ``tests/test_access_matrix.py`` requests each cell and checks it;
``docs/reference/access-matrix.md`` is generated from it::

    python -m tests.access_matrix --write      # from the repository root

Personal data is protected by 《个人信息保护法》 Arts.10, 51 (access limited to those who need it)
and 条例 Art.15 (third parties' personal privacy); applicants' files are never public.
"""

import sys
from dataclasses import dataclass, field
from pathlib import Path

# -- the cells -------------------------------------------------------------------------------

FULL = "FULL"
MASKED = "MASKED"
OK = "OK"
EMPTY = "EMPTY"
LOGIN = "LOGIN"
DENY = "DENY"
NOT_FOUND = "404"
REDIRECT = "REDIRECT"
REFUSED = "REFUSED"

#: What each cell means (the classifier's rules, in the order it applies them).
CELLS = {
    LOGIN: "redirected to a login page",
    DENY: "refused: 401 or 403, or redirected to the admin dashboard with “permission denied”",
    NOT_FOUND: "404 Not Found",
    REFUSED: "another refusal of the request itself (400, 405, 415, 422, 429)",
    REDIRECT: "redirected somewhere else (not a login page, not the dashboard)",
    FULL: "answered (2xx) and the body holds personal data in full",
    MASKED: "answered with the record, its personal data masked (张*, 110***********002X) or "
            "left out",
    EMPTY: "answered, without the record looked for (a wrong access code)",
    OK: "answered, and nothing personal in it",
}

# -- the roles -------------------------------------------------------------------------------

ADMIN = "wagtailadmin.access_admin"
APP = "wagtail_disclosure"


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    description: str
    permissions: tuple = ()
    groups: tuple = ()
    superuser: bool = False
    anonymous: bool = False


ROLES = (
    Role("anon", "Anonymous", "A visitor who is not logged in.", anonymous=True),
    Role("editor", "Editor", "Wagtail's “Editors” group: admin access, adds and edits pages; "
         "no permission on requests or governance.", groups=("Editors",)),
    Role("viewer", "Request viewer", "`view_informationrequest`.",
         (ADMIN, f"{APP}.view_informationrequest")),
    Role("proc", "Processor", "`view_informationrequest`, `process_informationrequest`.",
         (ADMIN, f"{APP}.view_informationrequest", f"{APP}.process_informationrequest")),
    Role("approver", "Extension approver", "A processor with `approve_extension`.",
         (ADMIN, f"{APP}.view_informationrequest", f"{APP}.process_informationrequest",
          f"{APP}.approve_extension")),
    Role("pdata", "Personal-data officer", "A processor with `view_personal_data`.",
         (ADMIN, f"{APP}.view_informationrequest", f"{APP}.process_informationrequest",
          f"{APP}.view_personal_data")),
    Role("answer", "Feedback answerer", "`answer_feedback` (not "
         "`view_feedback_personal_data`).", (ADMIN, f"{APP}.answer_feedback")),
    Role("register", "Register viewer", "`view_releaseregisterentry`.",
         (ADMIN, f"{APP}.view_releaseregisterentry")),
    Role("inspect", "Compliance and assessment viewer", "`view_compliance`, "
         "`view_assessment`.", (ADMIN, f"{APP}.view_compliance", f"{APP}.view_assessment")),
    Role("withdraw", "Withdrawer", "Wagtail's “Moderators” group (publishes pages) with "
         "`withdraw_item`.", (f"{APP}.withdraw_item",), ("Moderators",)),
    Role("reviewer", "Confidentiality reviewer", "A member of the group of the 保密审查 "
         "workflow task (admin access, publish on the section), with "
         "`view_withheldinformation` and `change_withheldinformation`.",
         (f"{APP}.view_withheldinformation", f"{APP}.change_withheldinformation"),
         ("保密审查员",)),
    Role("super", "Superuser", "`is_superuser`.", superuser=True),
)
ROLE_KEYS = tuple(role.key for role in ROLES)

# -- what a leak is --------------------------------------------------------------------------
# Names of texts of tests/access_world.py: a target's ``secrets`` must not be in its body
# (else FULL), its ``masked`` form shows that the record is there but masked (MASKED), its
# ``shows`` must be there for the answer to count as showing the record (else EMPTY).

APPLICANT = ("name", "id_number", "phone", "email", "address")
NUMBERS = ("id_number", "phone", "email")  # what the applicant's own pages redact too
FEEDBACK = ("fb_name", "fb_email", "fb_phone")
#: What no public URL may show: the applicant, the request, its letters, the visitor.
PRIVATE = APPLICANT + ("description", "tracking", "reply", "reply_document") + FEEDBACK


@dataclass(frozen=True)
class Target:
    key: str
    group: str
    label: str
    url: str  # str.format()ted with the world's values
    expect: tuple  # one cell per role, in the order of ROLES
    route: str = ""  # the URL name (or page route) it exercises, for the coverage test
    method: str = "GET"
    data: dict = field(default_factory=dict)  # form data (formatted), or JSON with ``json``
    json: bool = False
    headers: dict = field(default_factory=dict)  # formatted; ``token`` adds the role's bearer
    token: bool = False  # Wagtail API v3: the role's API token (it ignores session logins)
    secrets: tuple = APPLICANT
    masked: str = ""
    shows: str = ""


#: Rows shared by several targets (role order: see ROLES).
REQUEST_DATA = (LOGIN, DENY, MASKED, MASKED, MASKED, FULL, DENY, DENY, DENY, DENY, DENY, FULL)
PROCESSORS_OK = (LOGIN, DENY, DENY, OK, OK, OK, DENY, DENY, DENY, DENY, DENY, OK)
SUPERUSER_OK = (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK)
FEEDBACK_DATA = (LOGIN, DENY, DENY, DENY, DENY, DENY, MASKED, DENY, DENY, DENY, DENY, FULL)
REGISTER = (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, OK, DENY, DENY, DENY, OK)
INSPECTORS = (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, DENY, DENY, OK)
WITHHELD_VIEW = (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK)
WITHHELD_CHANGE = WITHHELD_VIEW
ALL_OK = (OK,) * 12
ALL_404 = (NOT_FOUND,) * 12
ALL_REDIRECT = (REDIRECT,) * 12
ALL_REFUSED = (REFUSED,) * 12
ALL_EMPTY = (EMPTY,) * 12

RQ = "/admin/disclosure/requests/"
FB = "/admin/disclosure/feedback/"
REG = "/admin/disclosure/register/"
WH = "/admin/disclosure/withheld/"
CASES = "/admin/disclosure/review-cases/"
CHECKLIST = "/admin/disclosure/review-checklist/"
TRACK = {"tracking_number": "{tracking_number}", "access_code": "{access_code}"}
NEW_REQUEST = {"applicant_type": "natural_person", "name": "{name}", "id_type": "resident_id",
               "id_number": "{id_number}", "phone": "{phone}", "email": "{email}",
               "address": "{address}", "description": "测试申请", "form": "electronic",
               "delivery": "email", "consent": True}

def __getattr__(name):
    """``TARGETS`` and ``NOT_IN_MATRIX`` live in ``tests/access_targets.py`` (a long list)."""
    if name in ("TARGETS", "NOT_IN_MATRIX"):
        from tests import access_targets

        return getattr(access_targets, name)
    raise AttributeError(name)


# -- the documentation page ------------------------------------------------------------------

DOCS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "access-matrix.md"

INTRO = """\
# Access matrix

Who reaches which URL that touches information requests, letters, applicants' attachments,
review cases, feedback, the registers or personal data, and what they see there. Every cell
is a test: `tests/test_access_matrix.py` logs in as the role (or sends its Wagtail API v3
token), requests the URL of the example site on fixed data (`tests/access_world.py`) and
classifies the answer. This page is generated from the same data, `tests/access_matrix.py`:

```sh
python -m tests.access_matrix --write      # from the repository root, after changing it
```

A test fails when this page is not what the data gives. Personal data is limited to the staff
who need it (《个人信息保护法》 Arts.10 and 51); applicants' files are served only through the
permission-checked views, never from a media URL (`wagtail_disclosure.media`).
"""


#: What the table alone does not say (shown under it in the docs).
NOTES = (
    "`MASKED` for staff without `view_personal_data`: the masked forms of "
    "`requests.permissions` (the listing, the exports, the processing page, the letters' print "
    "view and the documents' file names). Only `view_personal_data` opens an applicant's "
    "attachment.",
    "The feedback answerer sees the visitor's contact masked unless they also hold "
    "`view_feedback_personal_data`.",
    "A request's history (Wagtail's history view) needs one of add, change (processing) or "
    "delete: a request viewer reads the timeline on the processing page instead.",
    "Review cases, the confidentiality checklist, and adding or deleting withheld-information "
    "entries follow Django's model permissions (`add_reviewcase`, …), which no role here holds.",
    "Wagtail API v3 ignores the session: a role is its API token. A token's user sees the pages "
    "they hold page permissions on, so a role without any finds no page (404) where the "
    "anonymous visitor finds the public one; Wagtail's behaviour, with nothing personal on "
    "either side.",
    "Wagtail answers an XMLHttpRequest without a login with 403, not with the login page (the "
    "review task's form is such a request).",
    "Django's admin (`/django-admin/`) is for `is_staff` users: the others are sent to its "
    "login. The package registers no model there.",
    "The sitemap is Wagtail's (`wagtail.contrib.sitemaps`), mounted as a site would mount it "
    "(`tests/access_urls.py`); the media URL is served by `serve_public_media`, which refuses the "
    "private folder to everyone, superusers included.",
)


def _table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown():
    """The documentation page (Markdown, MyST) for the current data."""
    parts = [INTRO, "## Roles\n",
             _table(["Column", "Role", "Permissions"],
                    [(f"`{r.key}`", r.label, r.description) for r in ROLES]),
             "\nPermissions are the app's (`wagtail_disclosure.…`); every role but the "
             "anonymous visitor may reach the Wagtail admin.\n", "## Cells\n",
             _table(["Cell", "Meaning"], [(f"`{c}`", text) for c, text in CELLS.items()]),
             "\nA 500 is never a cell: it fails the test whatever was expected.\n"]
    from tests.access_targets import TARGETS

    groups = []
    for target in TARGETS:
        if target.group not in groups:
            groups.append(target.group)
    for group in groups:
        rows = []
        for target in TARGETS:
            if target.group == group:
                shown = target.url.replace("|", "\\|")
                where = f"{target.method} `{shown}`"
                rows.append([target.label, where, *target.expect])
        parts += [f"## {group}\n", _table(["Target", "URL", *ROLE_KEYS], rows), ""]
    parts += ["URLs are patterns: `{…}` is filled from the test data.\n", "## Notes\n"]
    parts += [f"- {note}" for note in NOTES]
    parts.append("")
    return "\n".join(parts)


def main(argv):
    text = render_markdown()
    if "--write" in argv:
        DOCS_PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {DOCS_PAGE}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
