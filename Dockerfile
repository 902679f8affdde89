# One image for web, worker, beat and migrations (see docker-compose.yml).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PUFFA_VAR_DIR=/app/var
WORKDIR /app

RUN useradd --create-home --uid 1000 puffa
# The leader's PDF brief (WeasyPrint: Pango, HarfBuzz) and the district report's charts (CairoSVG: cairo) draw
# Chinese with the CJK font named by PUFFA_CJK_FONT (WenQuanYi Micro Hei).
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY puffa ./puffa
COPY agencies ./agencies
COPY checklists ./checklists
COPY activities ./activities
COPY assessment ./assessment
RUN pip install .
COPY . .
# Static files are collected at build time and served by whitenoise; no CDN is involved.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/celery && chown -R puffa:puffa /app/var
USER puffa

EXPOSE 8000
CMD ["gunicorn", "puffa.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
