"""The command line: a thin layer that parses arguments and calls the public API (entry point: ``main.main``)."""
