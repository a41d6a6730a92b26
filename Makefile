# closingdocs: `make demo` builds the sample closing set, `make test` runs the tests;
# `make check` / `make build` run closingdocs on DEAL (e.g. make build DEAL=deal_data/examples/amnis-2003-example.yaml).
VENV   ?= .venv
BIN    := $(VENV)/bin
DEAL   ?= deal_data/amnis-2003.yaml
EXAMPLE ?= deal_data/examples/amnis-2003-example.yaml
SECOND  ?= deal_data/examples/sierra-lumen-2024.yaml

.PHONY: setup demo check build test bench clean
.DELETE_ON_ERROR:

$(VENV)/.installed: pyproject.toml setup.py scripts/setup.sh
	bash scripts/setup.sh

setup: $(VENV)/.installed

demo: setup
	@$(BIN)/python -m compileall -q generator
	$(BIN)/closingdocs build $(DEAL) --verbose
	$(BIN)/closingdocs build $(DEAL)
	$(BIN)/closingdocs calendar $(EXAMPLE)
	$(BIN)/closingdocs verify $(DEAL)
	$(BIN)/closingdocs binder $(DEAL)
	@# drafts: the sample deal's lists rely on Debenture terms (Exhibit A) and a Conversion Price still to be confirmed
	$(BIN)/closingdocs reserve-list $(DEAL) --month 2003-05 --draft
	$(BIN)/closingdocs reserve-list $(EXAMPLE) --month 2003-08 --draft
	$(BIN)/closingdocs invoice $(EXAMPLE) --breach list-2003-07
	$(BIN)/closingdocs expenses $(EXAMPLE) --invoice sds-closing-costs --through 2003-07-01
	$(BIN)/closingdocs build $(SECOND) --final
	$(BIN)/closingdocs reserve-list $(SECOND) --month 2024-11
	$(BIN)/closingdocs invoice $(SECOND) --breach list-2024-12 --final

check: setup
	$(BIN)/closingdocs check $(DEAL)

build: setup
	$(BIN)/closingdocs build $(DEAL)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	@$(BIN)/python -m compileall -q generator
	@# docxtpl only for the comparison with the docxtpl + LibreOffice way (not a dependency of closingdocs)
	@$(BIN)/python -c "import docxtpl" 2>/dev/null || $(BIN)/python -m pip install --quiet 'docxtpl>=0.20,<0.21' \
		|| echo "bench: docxtpl could not be installed; its timing is left out"
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf output
