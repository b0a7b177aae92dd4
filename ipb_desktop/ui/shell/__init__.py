"""The frame around the pages: main window, start pages (welcome, create, unlock), locking, appearance, backups menu."""
