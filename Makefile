# closingdocs: `make demo` builds the sample closing set, `make test` runs the tests;
# `make check` / `make build` run closingdocs on DEAL (e.g. make build DEAL=deal_data/examples/amnis-2003-example.yaml).
VENV   ?= .venv
BIN    := $(VENV)/bin
DEAL   ?= deal_data/amnis-2003.yaml
EXAMPLE ?= deal_data/examples/amnis-2003-example.yaml
SECOND  ?= deal_data/examples/sierra-lumen-2024.yaml
THIRD   ?= deal_data/examples/allegheny-vireo-2025.yaml

.PHONY: setup demo check build test test-fast coverage bench clean constraints
.DELETE_ON_ERROR:

$(VENV)/.installed: pyproject.toml setup.py scripts/setup.sh constraints.txt
	bash scripts/setup.sh

setup: $(VENV)/.installed

demo: setup
	@$(BIN)/python -m compileall -q generator
	$(BIN)/closingdocs build $(DEAL) --verbose
	$(BIN)/closingdocs build $(DEAL)
	$(BIN)/closingdocs calendar $(EXAMPLE)
	$(BIN)/closingdocs verify $(DEAL)
	$(BIN)/closingdocs binder $(DEAL)
	$(BIN)/closingdocs memorandum $(DEAL)
	$(BIN)/closingdocs memorandum $(EXAMPLE)
	@# drafts: the sample deal's lists rely on Debenture terms (Exhibit A) and a Conversion Price still to be confirmed
	$(BIN)/closingdocs reserve-list $(DEAL) --month 2003-05 --draft
	$(BIN)/closingdocs reserve-list $(EXAMPLE) --month 2003-08 --draft
	$(BIN)/closingdocs invoice $(EXAMPLE) --breach list-2003-07
	$(BIN)/closingdocs expenses $(EXAMPLE) --invoice sds-closing-costs --through 2003-07-01
	$(BIN)/closingdocs build $(SECOND) --final
	$(BIN)/closingdocs memorandum $(SECOND) --final
	$(BIN)/closingdocs reserve-list $(SECOND) --month 2024-11 --final
	$(BIN)/closingdocs invoice $(SECOND) --breach list-2024-12 --final
	@# the third example: convertible preferred stock (Stated Value, dividends, redemption)
	$(BIN)/closingdocs build $(THIRD) --final
	$(BIN)/closingdocs reserve-list $(THIRD) --month 2025-12 --final
	$(BIN)/closingdocs invoice $(THIRD) --breach list-2025-12 --final

check: setup
	$(BIN)/closingdocs check $(DEAL)

build: setup
	$(BIN)/closingdocs build $(DEAL)

# The whole suite, on every core, idle workers taking tests from busy ones (CI runs this); `test-fast` leaves out the end-to-end tests (the edit loop).
test: setup
	$(BIN)/python -m pytest -q -n auto --dist worksteal

test-fast: setup
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

# Line coverage of generator/, closingdocs run in child processes included.
coverage: setup
	rm -f .coverage .coverage.*
	$(BIN)/python -m coverage run -m pytest -q -n auto --dist worksteal
	$(BIN)/python -m coverage combine -q
	$(BIN)/python -m coverage report

bench: setup
	@$(BIN)/python -m compileall -q generator
	@# docxtpl only for the side-by-side with the docxtpl + LibreOffice way on the same four documents (not a
	@# dependency of closingdocs; without LibreOffice that side is left out, saying so): figures go in docs/speed.md
	@$(BIN)/python -c "import docxtpl" 2>/dev/null || $(BIN)/python -m pip install --quiet 'docxtpl>=0.20,<0.21' -c constraints.txt \
		|| echo "bench: docxtpl could not be installed; its timing is left out"
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf output

# constraints.txt: every package's exact version, regenerated after a change of dependencies in
# pyproject.toml (UPGRADE=1: everything at the newest release pyproject.toml allows); setup then reinstalls.
constraints:
	UPGRADE=$(UPGRADE) bash scripts/constraints.sh
