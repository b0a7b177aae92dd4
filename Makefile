# Two commands do all the set-up (see README): `make run` launches the app, `make test` runs every test.
# Each creates or refreshes the project's own virtual environment in .venv when pyproject.toml changes:
# `make run` installs only what the app needs, `make test` adds the developer tools.
# Packaging (docs/RELEASING.md): `make wheel`, `make check-wheel`, `make bundle`; `make install-desktop` adds the
# app to this Linux desktop's menu and makes .ipb files open in it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-app
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: run test lint clean wheel check-wheel bundle check-bundle install-desktop uninstall-desktop

$(VENV)/bin/python:
	@echo "Setting up ipb-desktop: making its own private Python environment in $(VENV) (nothing else is changed)..."
	$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip

# What the app needs to run, and nothing else. It prints what it downloads, so a first run does not look stuck.
$(RUN_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	@echo "Installing what ipb-desktop needs (Qt for the window, encryption, PDF writing: about 150 MB)."
	@echo "The first time this can take a few minutes; later runs start straight away."
	$(PIP) install --progress-bar off -c constraints.txt -e .
	@touch $(RUN_STAMP)
	@echo "Everything is installed."

# Everything above plus the developer tools (pytest, ruff, mypy) for `make test` and `make lint`.
$(STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	@echo "Installing ipb-desktop with its developer tools (pytest, ruff, mypy)..."
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	@echo "Opening ipb-desktop..."
	$(VENV)/bin/ipb-desktop

# The whole check: the linters first (ruff, ruff format, mypy strict), then every test, GUI tests offscreen, spread
# over every core (pytest-xdist: each worker has its own Qt application, stores and virtual displays).
test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# A wheel in dist/ (fonts, translations, icons, desktop files and migrations inside the package).
wheel: $(RUN_STAMP)
	rm -rf build/lib dist/ipb_desktop-*.whl
	$(PIP) wheel --quiet --no-deps -w dist .

# Build the wheel, install it in a fresh environment away from this folder, and use it there.
check-wheel: $(RUN_STAMP)
	packaging/check_wheel.sh

# A self-contained folder for people without Python: dist/ipb-desktop/ (PyInstaller), then a smoke test of it.
bundle: $(RUN_STAMP)
	@echo "Installing PyInstaller into $(VENV)..."
	$(PIP) install --quiet -c constraints.txt "pyinstaller>=6.6"  # the `bundle` extra, without reinstalling the app
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/ipb-desktop.spec
	packaging/check_bundle.sh dist/ipb-desktop

check-bundle:
	packaging/check_bundle.sh dist/ipb-desktop

# Linux: the menu entry, icons and the .ipb file type for this user only (~/.local/share); no sudo.
install-desktop: $(RUN_STAMP)
	sh packaging/install-desktop.sh "$(abspath $(VENV)/bin/ipb-desktop)"

uninstall-desktop:
	sh packaging/install-desktop.sh --remove

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
