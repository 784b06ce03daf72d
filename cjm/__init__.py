"""CJM Dashboard: turn a small firm's spreadsheets into a customer journey map."""

__version__ = "0.1.0"
