"""Settings for the test run: the site's own, with a key of its own.

config/settings.py refuses to start without SECRET_KEY when DEBUG is off, as tests run.
Set in the environment, the key also reaches the subprocesses some tests start.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-to-serve-the-site")

from config.settings import *  # noqa: F403
