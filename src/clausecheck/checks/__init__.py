"""Check kinds: one module per kind of provision check, all behind `run_check`."""
