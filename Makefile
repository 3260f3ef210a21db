.PHONY: setup demo test lint bench
setup:
	./scripts/setup.sh
demo:
	./scripts/demo.sh
test:
	./scripts/test.sh
lint:
	.venv/bin/ruff check proofer tests bench
	.venv/bin/mypy proofer
bench:
	.venv/bin/python bench/accuracy.py
