"""Admin of the governance tool 'review': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
