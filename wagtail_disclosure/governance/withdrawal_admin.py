"""Admin of the governance tool 'withdrawal': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
