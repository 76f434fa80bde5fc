import os

from django.core.asgi import get_asgi_application

from services.places.warmup import prepare_process

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()
prepare_process()
