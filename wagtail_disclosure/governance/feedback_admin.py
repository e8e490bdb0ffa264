"""Admin of the governance tool 'feedback': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
