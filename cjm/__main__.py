"""``python -m cjm`` — see :mod:`cjm.cli.main`."""

from cjm.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
