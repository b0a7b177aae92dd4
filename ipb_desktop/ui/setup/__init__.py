"""The guided set-up for a new store, and the budget holder's details form."""
