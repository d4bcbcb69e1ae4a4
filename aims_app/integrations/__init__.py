"""aims_app beside ERPNext and HRMS: their records used the way their users expect.

Everything here runs only where that app is installed (hooks keyed by its doctypes, custom fields added by
aims_app/install.py); nothing imports erpnext or hrms.
"""
