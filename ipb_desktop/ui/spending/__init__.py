"""The Spending page: the ledger table model, filters, quick add, the payment form,
splits, receipts and regular payments."""
