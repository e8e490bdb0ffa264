"""What a printed letter shows (``wagtail_disclosure/requests/letter_sheet.html``): the issuing
body, the letter's title and number, the addressee, the text in paragraphs, the date and the
seal line. The staff print view and the applicant's pages render letters through it."""

import re
from dataclasses import dataclass, field

from django.utils import timezone

from ..choices import LetterKind
from . import texts

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")


@dataclass
class LetterSheet:
    letter: object
    issuing_body: str
    title: str
    number: str
    date: str
    paragraphs: list
    salutation: bool  # the first paragraph is the salutation (not indented)
    addressee_name: str = ""
    addressee_address: str = ""
    addressee_postcode: str = ""
    enclosures: list = field(default_factory=list)  # (title, url or "")

    @property
    def dom_id(self):
        return f"wd-letter-{self.letter.pk}"


def paragraphs(text):
    """The text's paragraphs (split at blank lines), blank ones dropped."""
    return [p.strip("\n") for p in _PARAGRAPH_BREAK.split((text or "").replace("\r\n", "\n"))
            if p.strip()]


def _addressee(request_obj, user, for_applicant):
    """Name, address and postcode: the applicant's own in full; for staff as they may see them
    (``permissions.masked_fields``); nothing when neither is given."""
    if for_applicant:
        return request_obj.name, request_obj.address, request_obj.postcode
    if user is None:
        return "", "", ""
    from ..permissions import can_see_personal_data, masked_fields

    shown = masked_fields(request_obj, user)
    postcode = request_obj.postcode if can_see_personal_data(user) else ""
    return shown["name"], shown["address"], postcode


def _masker(request_obj, user, for_applicant):
    """A function that masks the applicant's personal data in a letter's text, its title and
    its enclosures' titles.

    - The applicant's own view (``for_applicant``: the tracking page, the page after
      submitting): the identity number, phone and email are replaced by ``***``
      (``permissions.applicant_text_masker``), as the JSON tracking API does; the name and the
      address stay, since the letter is addressed to them and printed by them (the API also
      removes those: its front end is not this page).
    - Staff: masked as they may see it (``permissions.text_masker``): nothing for those with
      ``view_personal_data``, the masked forms (``张*``) for the others.
    - Neither (``user`` None): masked as for staff without the permission."""
    from ..permissions import applicant_text_masker, text_masker

    if for_applicant:
        return applicant_text_masker(request_obj)
    return text_masker(request_obj, user)


def letter_sheets(request_obj, letters, *, user=None, for_applicant=False, enclosures=None):
    """The sheets of ``letters`` of one request. ``user``: the staff member who looks at them
    (personal data masked unless they may see it); ``for_applicant``: the applicant's own view.
    ``enclosures`` maps a letter's pk to its (title, url) pairs; by default the documents'
    titles. The text, the title and the enclosures' titles are masked (see :func:`_masker`).
    The issuing body is looked up once, whatever the number of letters."""
    from ..settings import issuing_body_for
    from . import chinese_date

    issuing_body = issuing_body_for(request_obj)
    name, address, postcode = _addressee(request_obj, user, for_applicant)
    mask = _masker(request_obj, user, for_applicant)
    sheets = []
    for letter in letters:
        parts = paragraphs(mask(letter.body))
        to_applicant = letter.kind != LetterKind.CONSULTATION
        if enclosures is not None:
            attached = [(mask(title), url) for title, url in enclosures.get(letter.pk, [])]
        else:
            attached = [(mask(doc.title), "") for doc in letter.documents.all()]
        sheets.append(LetterSheet(
            letter=letter, issuing_body=issuing_body,
            title=mask(str(texts.DOCUMENT_TITLES.get(letter.kind, letter.title))),
            number=letter.number,
            date=chinese_date(letter.sent_on or timezone.localdate(letter.created_at)),
            paragraphs=parts,
            salutation=bool(parts) and len(parts[0]) <= 100 and parts[0].rstrip().endswith(
                ("：", ":")),
            addressee_name=name if to_applicant else "",
            addressee_address=address if to_applicant else "",
            addressee_postcode=postcode if to_applicant else "",
            enclosures=attached))
    return sheets


def letter_sheet(letter, *, user=None, for_applicant=False):
    """The sheet of one letter (see :func:`letter_sheets`)."""
    return letter_sheets(letter.request, [letter], user=user, for_applicant=for_applicant)[0]
