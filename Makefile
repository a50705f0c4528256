# Wspólnie. The two commands: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
ADDR   ?= 127.0.0.1:8000

.PHONY: run setup test test-postgres lint check bench messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -U pip

$(VENV)/.base: requirements/base.txt | $(PY)
	$(PIP) install -q -r requirements/base.txt
	touch $@

$(VENV)/.test: requirements/test.txt $(VENV)/.base
	$(PIP) install -q -r requirements/test.txt
	touch $@

## setup: install, migrate the SQLite database in var/, compile translations, load demo data
setup: $(VENV)/.base
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compiletranslations
	$(PY) manage.py demo_data

## run: set up, then serve http://127.0.0.1:8000 with the background worker
run: setup
	$(PY) manage.py devserver $(ADDR)

## test: install test tools (and Chromium where possible), run the whole suite on SQLite
test: $(VENV)/.test
	$(PY) manage.py compiletranslations
	bash scripts/ensure-chromium
	$(PY) -m pytest $(PYTEST_ARGS)

## test-postgres: the whole suite on the local PostgreSQL (fresh database)
test-postgres: $(VENV)/.test
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/wspolnie_$$$$ $(PY) -m pytest --create-db $(PYTEST_ARGS)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .

check: $(VENV)/.test
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=wspolnie.example.org \
	  BASE_URL=https://wspolnie.example.org $(PY) manage.py check --deploy --fail-level WARNING

## bench: e.g. make bench ARGS="people --households 50000"
bench: $(VENV)/.base
	$(PY) manage.py bench $(ARGS)

## messages: extract translatable strings into the .po files (needs GNU gettext);
## APP=inventory limits it to one app's catalogues
messages: $(VENV)/.base
	$(PY) manage.py messages $(if $(APP),--app $(APP),)

clean:
	rm -rf $(VENV) var
