"""Frappe imports this module for the notification's context; every aims_app reminder shares one."""

from aims_app.reminders.digest import notification_context as get_context

__all__ = ["get_context"]
