"""The documents the policy asks the business office to send: amendment request letters to vendors,
the parent notice of a new contract and the breach notice to families, with the deadlines for each.

Data flows one way here too: findings (or the user's facts) -> a letter's content -> wording from a
template -> a layout of blocks -> one writer per format (DOCX, Markdown, plain text, HTML).
"""
