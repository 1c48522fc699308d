"""What a contract says about itself before any rule is applied: its parties and its defined terms."""
