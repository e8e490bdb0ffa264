"""Admin of the governance tool 'register': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
