"""Redlines: the vendor's own contract handed back with the amendments as Word tracked changes and
comments, or, where a contract cannot be redlined (a PDF), a standalone amendment to sign."""
