# The two set-up commands of the README. Each installs what it needs first (scripts/bootstrap.sh).
.PHONY: demo test lint bench

demo:
	@scripts/bootstrap.sh runtime
	@.venv/bin/tradecheck run --inbox samples/inbox --orders samples/orders.json --out out/demo

test:
	@scripts/bootstrap.sh test
	@.venv/bin/python -m pytest -q

lint:
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .
