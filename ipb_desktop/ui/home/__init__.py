"""The Home page: balance, what is left, how each outcome is going."""
