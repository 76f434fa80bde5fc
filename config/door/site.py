"""The admin site behind the door: staff who have not given a second factor get no page."""

from two_factor.admin import AdminSiteOTPRequired


class DoorAdminSite(AdminSiteOTPRequired):
    """Django's admin site, open only to active staff verified with a second factor in this
    session. Anyone else is sent to the login page (config/door/urls.py gives it the admin's
    own login address), which sends staff without an authenticator app to set one up."""

    site_header = "Support Finder curators"
    site_title = "Support Finder curators"
