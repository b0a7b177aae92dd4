"""Everything Qt: the main window, its pages and dialogs, table models and the operations that change the store."""
