# closingdocs: `make demo` builds the sample closing set, `make test` runs the tests.
VENV   ?= .venv
BIN    := $(VENV)/bin
DEAL   ?= deal_data/amnis-2003.yaml

.PHONY: setup demo test bench clean
.DELETE_ON_ERROR:

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

setup: $(VENV)/.installed

demo: setup
	$(BIN)/closingdocs build $(DEAL)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf output
