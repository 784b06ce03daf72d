"""``python -m cjm`` — see :mod:`cjm.cli`."""

from cjm.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
