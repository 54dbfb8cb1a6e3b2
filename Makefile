# mcdocgen build and test entry points. `make site` builds the website, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.stamp

export NO_MKDOCS_2_WARNING := 1

.PHONY: venv node site wheel system-deps lint test bench bench-venv lock clean distclean

venv: $(STAMP) node

# The build-time tools from the npm registry (Temml and the math font, axe-core), exactly as package-lock.json pins
# them; reruns when either file changes. Node.js 20 and npm are on every machine of the project.
NODE_STAMP := node_modules/.stamp
node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Creates .venv if missing, then installs the exact versions in constraints.txt; reruns when either
# pyproject.toml or constraints.txt changes.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
	  { echo "error: mcdocgen needs Python >= 3.11.5 (pymdown-extensions 13); run: make PYTHON=/path/to/python3.11" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt --upgrade pip setuptools
	$(PY) -m pip install -q -c constraints.txt --build-constraint constraints.txt -e '.[test]'
	@touch $@

site: venv
	$(VENV)/bin/mcdocgen build

# The sdist and the wheel an instructor installs (docs/course.md) into dist/: setup.py copies the
# templates, the default site, Temml and the font (from node_modules, hence `venv`, which runs `node`) into
# the package. --no-isolation: the locked setuptools of .venv, nothing downloaded.
wheel: venv
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .

system-deps:
	@scripts/install-system-deps

# ruff over the code, the tests and the benchmarks; mypy, strict on the whole package (pyproject.toml).
lint: venv
	$(VENV)/bin/ruff check mcdocgen tests bench
	$(VENV)/bin/mypy mcdocgen

test: venv system-deps lint
	$(PY) -m pytest -q -p no:cacheprovider

bench: venv
	$(PY) bench/bench_check.py

# A separate venv for bench/bench_tensorgrad.py: tensorgrad and torch (the `bench` extra) stay out of
# .venv, so `make venv` and `make test` neither wait for nor depend on them. Run the bench with
# PYTHONPATH=<a worktree> to time that worktree's engine.
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.stamp
bench-venv: $(BENCH_STAMP)

$(BENCH_STAMP): pyproject.toml constraints.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q -c constraints.txt --upgrade pip setuptools
	$(BENCH_VENV)/bin/python -m pip install -q -c constraints.txt -e '.[bench]'
	@touch $@

# Re-resolves every dependency to its newest allowed version in a scratch venv and rewrites
# constraints.txt. Run it on purpose, review the diff, then `make venv`.
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install -q --upgrade pip setuptools
	build/lock-venv/bin/python -m pip install -q -e '.[test]'
	{ echo "# Exact versions for: pip install -c constraints.txt -e '.[test]'. Regenerate with: make lock"; \
	  build/lock-venv/bin/python -m pip freeze --all --exclude-editable; } > constraints.txt
	rm -rf build/lock-venv

clean:
	rm -rf site build/ dist/ out/ handouts/ tests/artifacts/ report.json .pytest_cache/ .hypothesis/ *.egg-info/
	rm -rf .mcdocgen docs/problems docs/identities.md docs/not-derived.md docs/api.md docs/cheat-sheet docs/index.md docs/handouts docs/vendor docs/schema
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(BENCH_VENV) node_modules
