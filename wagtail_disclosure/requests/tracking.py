"""Looking a request up by tracking number and access code, and signed links to its letters'
documents. A wrong number and a wrong code give the same answer, in about the same time."""

import base64
import binascii

from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import InformationRequest, hash_access_code, normalise_tracking_number

_SALT = "wagtail_disclosure.letter-document"
LINK_MAX_AGE = 3600  # seconds a document link from the tracking page stays valid

# What the tracking page and the API answer; the same for a wrong number and a wrong code.
NOT_FOUND_MESSAGE = _("No request matches this tracking number and access code. Please check "
                      "both.")
TOO_MANY_LOOKUPS_MESSAGE = _("Too many lookups from your network. Please try again later.")
TOO_MANY_DOWNLOADS_MESSAGE = _("Too many documents have been downloaded from your network. "
                               "Please try again later, or look the request up again then.")


def find_request(tracking_number, access_code, site=None):
    """The request, or None when the number or the code is wrong (indistinguishably).

    ``site`` (a ``Site`` or its id): the site the lookup is made on. With several sites a
    request is found only on its own site, so that another agency's tracking page (or API)
    answers "no request matches" for it (docs/how-to/multi-site.md).

    Both answers cost one run of the slow hasher (``PASSWORD_HASHERS[0]``): for an unknown
    number the code is hashed once for nothing, as ``django.contrib.auth`` does for an
    unknown user name, so that the time taken does not tell which tracking numbers exist."""
    # An exact match, which the unique index serves; no sort.
    from ..sites import same_site_q

    request_obj = (InformationRequest.objects.filter(
        same_site_q(site, "site"), tracking_number=normalise_tracking_number(tracking_number))
        .select_related("organ").order_by().first())
    if request_obj is None:
        hash_access_code(access_code)  # the same work as checking a real request's code
        return None
    return request_obj if request_obj.check_access_code(access_code) else None


def document_token(document):
    """A signed, expiring token naming a letter's document. It is base64-encoded because
    Wagtail's page URLs allow only letters, digits, ``-`` and ``_`` in a path segment."""
    signed = signing.dumps({"d": document.pk, "r": document.letter.request_id}, salt=_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def document_from_token(token):
    from .models import LetterDocument

    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(signed, salt=_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, binascii.Error, ValueError):
        return None
    return (LetterDocument.objects.filter(pk=data.get("d"), letter__request_id=data.get("r"),
                                          letter__sent_on__isnull=False)
            .select_related("letter").first())


def applicant_sheets(request_obj, page, request, kinds=None):
    """The applicant's letters as printable sheets (``letters.LetterSheet``), oldest first,
    each with signed links to its documents (served by ``page``'s document view). Only for
    someone who has just proved they are the applicant (access code or session): their own
    name and address are shown in full. ``kinds`` limits the letters to these kinds."""
    from .letters import letter_sheets

    letters = request_obj.applicant_letters().prefetch_related("documents")
    if kinds is not None:
        letters = letters.filter(kind__in=kinds)
    letters = list(letters)
    base = page.get_url(request) or ""
    enclosures = {letter.pk: [
        (doc.title, base + page.reverse_subpage("document", args=(document_token(doc),)))
        for doc in letter.documents.all()] for letter in letters}
    return letter_sheets(request_obj, letters, for_applicant=True, enclosures=enclosures)
