# Puffa: `make dev` runs it with demo data on SQLite and an embedded broker; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
APPS := agencies checklists activities assessment
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: dev test install serve worker lint messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Puffa needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Migrate, seed the demo district, then serve on http://$(HOST):$(PORT) with a Celery worker and beat
# on the embedded broker. Ctrl-C (or SIGTERM to make) stops all three within seconds: the shell waits on
# all three in the background, so its trap runs at once and sends each a TERM. Worker and beat are two
# processes, the worker on threads: a forked pool on the file-system broker died with a kombu traceback.
dev: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Puffa: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@trap 'trap - INT TERM; echo "Stopping Puffa…"; kill -TERM $$pids 2>/dev/null; wait; exit 0' INT TERM; \
	$(VENV)/bin/celery -A puffa worker --pool=threads --concurrency=2 --without-heartbeat --without-gossip --without-mingle --loglevel=INFO & pids="$$!"; \
	$(VENV)/bin/celery -A puffa beat --loglevel=INFO & pids="$$pids $$!"; \
	$(PY) manage.py runserver $(HOST):$(PORT) & pids="$$pids $$!"; \
	wait

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# Refresh the translation catalogues (root: puffa/ and templates/; each app: its own locale/).
messages: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location $(foreach app,$(APPS),--ignore=$(app)/*) --ignore=.venv/* --ignore=var/* --ignore=tests/* --ignore=*.egg-info/*
	for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete --no-location); done
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
