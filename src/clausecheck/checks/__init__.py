"""Check kinds: one module per kind of provision check, each registered by the `KIND` it declares
(`checks.kinds`)."""
