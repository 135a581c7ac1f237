# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GROUPS := build,data,gpu,runtime-api,runtime-validate,runtime-nutrition,dev
MODELS ?=

.PHONY: demo test lint synth clean browser

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip==25.3"
	# torch first, pinned: a bare requirement would pull a multi-GB CUDA build
	$(VENV)/bin/pip install --quiet "torch==2.13.0"
	$(VENV)/bin/pip install --quiet -c constraints.txt -e ".[$(GROUPS)]"
	touch $(STAMP)

# checkov (the "scan" group) pins an older boto3 than the build group, so it gets its own environment;
# tests/templates/test_checkov.py runs it from there.
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed

$(CHECKOV_STAMP): pyproject.toml $(STAMP)
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet $$($(PY) -c "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['scan']))")
	touch $(CHECKOV_STAMP)

# The web page's browser test (tests/web) drives Debian's chromium through chromium-driver; a browser that
# downloads itself cannot run here. Installed only when missing; without root (or sudo) and without them,
# the test is skipped and says how to install them.
BROWSER_PACKAGES := chromium chromium-driver

browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif ! command -v apt-get >/dev/null; then \
		echo "no apt-get: install chromium and its chromedriver to run tests/web" >&2; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); \
	else echo "chromium is missing and installing it needs root: sudo apt-get install -y $(BROWSER_PACKAGES)" \
		"(tests/web is skipped until then)" >&2; fi

# PYTEST_WORKERS=2 runs the suite on two pytest-xdist workers (tests/conftest.py keeps the whole-job
# tests together on one of them); not the default: it has not been faster, nor passed cleanly (README, Tests).
PYTEST_WORKERS ?= 0

test: $(STAMP) $(CHECKOV_STAMP) browser
	@$(PY) -m pytest -q --durations=20 $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder,); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

demo: $(STAMP)
	$(PY) build.py demo $(if $(MODELS),--models $(MODELS),)

synth: $(STAMP)
	$(PY) build.py synth --out build/synth

lint: $(STAMP)
	$(PY) build.py lint

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build runs .cache .pytest_cache
