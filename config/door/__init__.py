"""The admin door: who gets into the curators' admin, and how.

A password of 12 characters or more, then a code from an authenticator app (or a one-use
backup code) for every staff account; 5 wrong passwords for one username from one address
lock that pair out for 30 minutes; sessions end after 30 minutes idle and 12 hours in all;
logins and lockouts are logged without passwords or addresses. The pieces are
django-axes (lockouts), django-otp (devices and codes) and django-two-factor-auth (the login
and set-up pages), joined here.
"""
