# closingdocs: `make demo` builds the sample closing set, `make test` runs the tests.
VENV   ?= .venv
BIN    := $(VENV)/bin
DEAL   ?= deal_data/amnis-2003.yaml
EXAMPLE ?= deal_data/examples/amnis-2003-example.yaml

.PHONY: setup demo test bench clean
.DELETE_ON_ERROR:

$(VENV)/.installed: pyproject.toml setup.py scripts/setup.sh
	bash scripts/setup.sh

setup: $(VENV)/.installed

demo: setup
	@$(BIN)/python -m compileall -q generator
	$(BIN)/closingdocs build $(DEAL)
	$(BIN)/closingdocs reserve-list $(DEAL) --month 2003-05
	$(BIN)/closingdocs reserve-list $(EXAMPLE) --month 2003-08
	$(BIN)/closingdocs invoice $(EXAMPLE) --breach shortfall-2003-06-09
	$(BIN)/closingdocs expenses $(EXAMPLE) --invoice sds-closing-costs --through 2003-07-01

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
