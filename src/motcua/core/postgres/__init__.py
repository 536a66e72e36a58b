"""Django's PostgreSQL backend with a check of pooled connections that costs no round
trip while a connection is in steady use (``base.DatabaseWrapper``), instants read by
psycopg's own loader (``instants``), psycopg's parse of long statements kept between
runs (``statements``), and the storage parameters migrations set on busy
tables (``tuning``)."""
