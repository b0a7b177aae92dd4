"""Every size limit that protects the machine, in one place (each is enforced where the data comes in, with a
plain message). The services take their limits from here."""

from __future__ import annotations

from ipb_desktop import validate

MB = 1024 * 1024

MAX_ATTACHMENT_BYTES = 20 * MB  # a receipt photo or PDF
MAX_STATEMENT_BYTES = 20 * MB  # a bank statement file
SHORT_TEXT = validate.SHORT_TEXT  # names, payees (characters)
LONG_TEXT = validate.LONG_TEXT  # notes, explanations, review answers (characters)

# "Export everything" read back in: a zip may claim any size, so every part is read with a cap.
MAX_EXPORT_MANIFEST_BYTES = 1 * MB
MAX_EXPORT_TABLE_BYTES = 512 * MB
MAX_EXPORT_TOTAL_BYTES = 8 * 1024 * MB
