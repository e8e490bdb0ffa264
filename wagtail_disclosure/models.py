"""Django finds the package's models here; they live in the domain modules."""

from .catalogue.models import (  # noqa: F401
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    IndexNumberSequence,
    ItemPlacement,
    PowerItemPage,
    PublishingOrgan,
    Topic,
)
from .requests.models import (  # noqa: F401
    Consultation,
    Extension,
    FeeNotice,
    HolidayNotice,
    InformationRequest,
    LetterDocument,
    Notification,
    RequestAttachment,
    RequestLetter,
    WorkdayOverride,
)
from .requests.pages import RequestFormPage  # noqa: F401
from .requests.settings import RequestSettings  # noqa: F401
from .reports.models import AnnualReportOverride, ReviewCase  # noqa: F401
from .reports.pages import AnnualReportIndexPage, AnnualReportPage  # noqa: F401
from .governance.models import (  # noqa: F401
    ChecklistQuestion,
    ConfidentialityReview,
    Feedback,
    GovernancePermissions,
    ReleaseRegisterEntry,
    WithheldInformation,
    WithheldReview,
)
from .governance.pages import FeedbackPage  # noqa: F401
from .governance.workflows import ConfidentialityReviewTask  # noqa: F401
from .caching.models import PageCacheGeneration  # noqa: F401
