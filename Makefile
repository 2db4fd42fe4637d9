# The front door: `make run` starts the app, `make test` runs lint and every test.
# Both create .venv and install what they need on a fresh clone.
# Serving many users: `make serve` starts REPLICAS copies of the app behind HAProxy on PORT (detached,
# with a supervisor that restarts a replica that dies); `make stop` ends exactly what it started.
# See deploy/README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
REPLICAS ?= 2
# make serve's balancer address: loopback by default; BIND=0.0.0.0 for a consultation room's LAN.
BIND ?= 127.0.0.1
# make serve's state (cookie secret, logs, filled-in HAProxy config): outside the repository.
STATE_DIR ?= $(or $(XDG_STATE_HOME),$(HOME)/.local/state)/minhang-calculator

AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint browser haproxy serve stop clean screenshots test-wide mutation

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m launch --server.port $(PORT)

lint: $(VENV)/.dev
	$(PY) -m ruff check .

# Browser tests drive Debian's Chromium; the network test also reads strace. Install them when missing
# and we may (root on Debian).
browser:
	@{ command -v chromium && command -v strace; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium and strace for the browser and network tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium strace >/dev/null; \
	  else echo "chromium or strace is missing: install them (apt-get install chromium strace) for the browser tests"; fi; }

# The balancer of `make serve` and of its test: Debian's HAProxy, installed when missing and we may.
haproxy:
	@command -v haproxy >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's haproxy for make serve and its test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	  else echo "haproxy is missing: install it (apt-get install haproxy) for make serve and its test"; fi; }

serve: $(VENV)/.runtime haproxy
	$(PY) deploy/serve.py start --port $(PORT) --replicas $(REPLICAS) --bind $(BIND) --state-dir "$(STATE_DIR)"

stop:
	$(PY) deploy/serve.py stop --state-dir "$(STATE_DIR)"

# axe-core (the accessibility test's rule engine, tests/browser/test_a11y_browser.py), pinned in
# package-lock.json and installed from the npm registry; the browser test injects it from node_modules.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.dev browser haproxy lint $(AXE)
	$(PY) -m pytest

# Every page in both languages on a laptop (1440x900) and a phone (390x844), in out/screenshots (git-ignored).
screenshots: $(VENV)/.dev browser
	$(PY) tests/browser/screenshots.py out/screenshots

# The property tests with many more examples, drawn at random (CI draws a fixed set: tests/conftest.py).
test-wide: $(VENV)/.dev
	HYPOTHESIS_PROFILE=wide $(PY) -m pytest -q tests/engine/test_properties.py tests/batch/test_fuzz.py

# Mutation testing of calculators/ and reports/ against every in-process test of them (tests/README.md),
# then the score module by module; fails under 90 % killed or on a survivor not explained in
# tests/mutation/equivalent/. The first run takes about two hours on 2 cores; mutmut keeps each verdict
# in mutants/ and the next run tests only the mutants of functions changed since (and new ones), then
# the survivors not explained again (tests added since may kill them).
# MUTANTS="calculators.article6_venues*" runs those mutants again even if decided (e.g. survivors after a
# new test); JOBS=1 leaves a core free. Not part of `make test`.
MUTANTS ?=
JOBS ?= 2
mutation: $(VENV)/.dev
	HYPOTHESIS_PROFILE=mutation $(PY) -m mutmut run --max-children $(JOBS) $(MUTANTS)
	@# mutmut lets a survivor's verdict stand; run the unexplained ones again, so tests added since count
	names="$$($(PY) tests/mutation/score.py --survivors)"; if [ -n "$$names" ]; then \
	  HYPOTHESIS_PROFILE=mutation $(PY) -m mutmut run --max-children $(JOBS) $$names; fi
	$(PY) tests/mutation/score.py --under 90

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis mutants
