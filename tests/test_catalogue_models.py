import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from wagtail_disclosure.catalogue.snippets import uscc_is_valid, validate_organ_code
from wagtail_disclosure.models import DisclosureItemPage, IndexNumberSequence, PublishingOrgan

from . import factories as f

pytestmark = pytest.mark.django_db


def test_index_number_is_assigned_at_first_publish_only():
    col = f.column()
    draft = f.item(col, publish=False)
    assert draft.index_number is None and draft.published_on is None
    draft.save_revision()  # saving a draft does not assign anything
    draft.refresh_from_db()
    assert draft.index_number is None
    draft.save_revision().publish()
    draft.refresh_from_db()
    today = datetime.date.today()
    assert draft.published_on == today
    assert draft.index_number == f"014320144/{today.year}-00001"


def test_serials_count_per_organ_and_year():
    col = f.column()
    other = f.organ(name="鹿城区再生资源管理办公室", code="12330302MB0F12345X")
    a = f.item(col, published_on=datetime.date(2015, 5, 1))
    b = f.item(col, published_on=datetime.date(2015, 6, 1))
    c = f.item(col, published_on=datetime.date(2016, 1, 2))
    d = f.item(col, published_on=datetime.date(2015, 7, 1), organ_obj=other)
    assert [a.index_number, b.index_number, c.index_number] == [
        "014320144/2015-00001", "014320144/2015-00002", "014320144/2016-00001"]
    assert d.index_number == "12330302MB0F12345X/2015-00001"


def test_index_number_never_changes_on_edit_republish_or_revert():
    col = f.column()
    page = f.item(col, published_on=datetime.date(2020, 1, 1))
    number = page.index_number
    first_revision = page.latest_revision
    other = f.organ(name="另一机构", code="000014349")
    page.title = "改过的标题"
    page.organ = other
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == number  # a new organ does not renumber (唯一不变)
    # restoring the first revision (made before any number existed in it) keeps the number
    first_revision.publish()
    page.refresh_from_db()
    assert page.index_number == number
    assert page.published_on == datetime.date(2020, 1, 1)
    # unpublish and publish again: same number
    page.unpublish()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == number


def test_numbers_taken_by_imported_items_are_skipped():
    col = f.column()
    f.item(col, index_number="014320144/2019-00002", published_on=datetime.date(2019, 3, 1))
    first = f.item(col, published_on=datetime.date(2019, 4, 1))
    second = f.item(col, published_on=datetime.date(2019, 4, 2))
    assert first.index_number == "014320144/2019-00001"
    assert second.index_number == "014320144/2019-00003"


@override_settings(WAGTAIL_DISCLOSURE={"INDEX_NUMBER_FORMAT": "{organ_code}/{year}{month:02d}-{serial:04d}"})
def test_configurable_year_month_format():
    col = f.column()
    a = f.item(col, published_on=datetime.date(2021, 10, 5))
    b = f.item(col, published_on=datetime.date(2021, 10, 6))
    c = f.item(col, published_on=datetime.date(2021, 11, 1))
    assert [a.index_number, b.index_number, c.index_number] == [
        "014320144/202110-0001", "014320144/202110-0002", "014320144/202111-0001"]


def test_sequence_rows_are_created_once_per_scope():
    assert IndexNumberSequence.next_serial("X|2024") == 1
    assert IndexNumberSequence.next_serial("X|2024") == 2
    assert IndexNumberSequence.objects.filter(scope="X|2024").count() == 1


def test_item_validation_rules():
    col = f.column()
    page = f.item(col)
    page.validity = "repealed"
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "repeal_date" in exc.value.message_dict
    page.repeal_date = datetime.date(2020, 1, 1)
    page.effective_date = datetime.date(2021, 1, 1)
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "repeal_date" in exc.value.message_dict
    page.effective_date = None
    page.replaced_by = page
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "replaced_by" in exc.value.message_dict
    page.replaced_by = None
    page.channels = ["weibo", "carrier-pigeon"]
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "channels" in exc.value.message_dict
    page.channels = ["weibo"]
    page.full_clean()


def test_publication_channels_always_include_the_website_once():
    col = f.column()
    page = f.item(col, channels=["weibo", "gazette"])
    codes = [c["code"] for c in page.publication_channels]
    assert codes == ["website", "weibo", "gazette"]


def test_uscc_checksum():
    assert uscc_is_valid("91350100M000100Y43")
    assert not uscc_is_valid("91350100M000100Y44")
    with pytest.raises(ValidationError):
        validate_organ_code("91350100M000100Y44")
    validate_organ_code("0142768-8")  # hyphen dropped: 9-character organisation code
    validate_organ_code("sggzyjyzx")  # a site code
    with pytest.raises(ValidationError):
        validate_organ_code("区供销社")


def test_organ_code_must_be_unique():
    PublishingOrgan.objects.create(name="甲", code="000000001")
    dup = PublishingOrgan(name="乙", code="000000001")
    with pytest.raises(ValidationError):
        dup.full_clean()


def test_power_item_is_a_catalogue_item_of_its_own_kind():
    col = f.column()
    power = f.power_item(col, power_kind="penalty")
    assert power.kind == "power_item"
    assert power.index_number
    assert DisclosureItemPage.objects.filter(pk=power.pk).exists()
