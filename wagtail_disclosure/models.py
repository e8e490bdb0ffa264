"""Django finds the package's models here; they live in the domain modules."""

from .catalogue.models import (  # noqa: F401
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    IndexNumberSequence,
    PowerItemPage,
    PublishingOrgan,
    Topic,
)
