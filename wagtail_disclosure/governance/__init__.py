"""Governance of the agency's own publishing: 公开属性 and 保密审查 (``classification``,
``workflows``), the release register (``register``), timeliness and assessment
(``timeliness``, ``assessment``), the compliance self-inspection (``compliance``), withheld
information (``withheld``), the feedback box (``feedback``), validity upkeep (``validity``) and
withdrawal (``withdrawal``)."""
