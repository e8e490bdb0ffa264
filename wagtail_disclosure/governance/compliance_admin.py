"""Admin of the governance tool 'compliance': its viewsets (VIEWSETS, shown in the governance menu)
and its hooks."""

VIEWSETS = []
