"""Language handling shared by the checks: tokens, sentences and clauses, quantities, jurisdictions."""
