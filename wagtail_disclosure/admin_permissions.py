"""A Wagtail permission policy for models whose admin permissions are domain rules."""

from wagtail.permission_policies import ModelPermissionPolicy


class RuleBasedPermissionPolicy(ModelPermissionPolicy):
    """"view" and "change" are the domain's own rules (``can_view(user)``,
    ``can_change(user)``), and the ``refused`` actions are refused to everyone, superusers
    included (information requests and feedback are closed, never deleted). Other actions
    follow Django's model permissions."""

    def __init__(self, model, *, can_view, can_change, refused=("delete",)):
        super().__init__(model)
        self.can_view = can_view
        self.can_change = can_change
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        if action == "change":
            return self.can_change(user)
        if action == "view":
            return self.can_view(user)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
