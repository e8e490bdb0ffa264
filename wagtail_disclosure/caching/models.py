"""The page cache's generation numbers, one row per site."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheGeneration(models.Model):
    """The generation of a site's cached pages. Every change to what the site's pages show
    adds 1, in the transaction that makes the change; cached pages are stored under the
    generation read before they were rendered, so that a committed change is never followed
    by a read of an older page (:mod:`wagtail_disclosure.caching.page_cache`)."""

    site = models.OneToOneField("wagtailcore.Site", on_delete=models.CASCADE, primary_key=True,
                                related_name="+", verbose_name=_("site"))
    generation = models.PositiveBigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self):
        return f"{self.site_id}: {self.generation}"
