"""The bundle's entry point (PyInstaller runs this file): the same as the `ipb-desktop` command."""

import multiprocessing
import sys

from ipb_desktop.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
