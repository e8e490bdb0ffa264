"""Admin of the governance tool 'assessment': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
