"""Django's SQLite backend, with writers taking their turn in a line instead of polling
SQLite's lock (``gate``)."""
