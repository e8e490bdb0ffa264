"""Turning information many people ask for into a proactive item (条例 Art.44).

The new item is a **draft** under the chosen column: the officer reviews it in the page editor
and publishes it through the site's usual workflow. It carries the documents sent with the
reply (copied into the document library) and no data about the applicant.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from ..catalogue.choices import ItemKind
from ..catalogue.models import DisclosureItemAttachment, DisclosureItemPage
from .choices import LetterKind
from .models import LetterDocument
from .permissions import public_text_redactor


def publish_as_item(request_obj, user, column, title, organ=None):
    from ..catalogue.models import PublishingOrgan

    organ = organ or PublishingOrgan.objects.order_by("pk").first()
    if organ is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"column": _("Add a publishing organ first (Open government "
                                           "information › Publishing organs).")})
    Document = get_document_model()
    with transaction.atomic():
        item = DisclosureItemPage(
            title=title, organ=organ, kind=ItemKind.OTHER_DOCUMENT, live=False,
            summary=_("Made public because it was requested (条例 Art.44)."))
        column.add_child(instance=item)
        documents = LetterDocument.objects.filter(letter__request=request_obj,
                                                  letter__kind=LetterKind.REPLY)
        # A document's title (and the file name it is saved under) may name the applicant.
        redact = public_text_redactor(request_obj)
        for position, letter_document in enumerate(documents):
            with letter_document.file.open("rb") as source:
                public_title = redact(letter_document.title)
                document = Document(title=public_title)
                document.file.save(public_title, ContentFile(source.read()), save=False)
                document.save()
            DisclosureItemAttachment.objects.create(page=item, document=document,
                                                    sort_order=position)
        item.save_revision(user=user, log_action=True)
        log(instance=request_obj, action="wagtail_disclosure.request.publish_item", user=user,
            data={"page": item.pk})
    return item
