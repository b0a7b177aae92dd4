"""Make the sample documents in this folder from the invented demo budget (Alys Testwood, Exampleshire).

Run from the repository: .venv/bin/python docs/samples/make_samples.py
Writes statement.pdf (last quarter), review-pack.pdf (since the last review), review-pack-large-print.pdf
(large print, without the full list of payments), evidence-pack.pdf (the quarter's statement with every receipt),
the accessible versions statement.html and review-pack.html, payments.csv and summary.csv, then renders every PDF
page to PNG with pdftoppm (poppler-utils) when it is installed (`--html` writes only the two web pages). The answer
"What I want to change" is written with the peer support planner, so the pack shows how that is attributed.
Before printing it names the account, adds a notional NHS budget with one invoice paid by the team (never
through the account) and reconciles the account with the bank at the end of the quarter.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from ipb_desktop import accounts, budget, figures, ledger, seed
from ipb_desktop.demo import PLANNER, build_demo
from ipb_desktop.statements import (
    csv_export,
    explanations,
    html_documents,
    pdf_evidence,
    pdf_review_pack,
    pdf_statement,
    review_answers,
)
from ipb_desktop.statements.periods import Preset, resolve

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2027, 2, 10)  # a week before the demo's review on 16 February 2027
EXPLANATION = (
    "The balance is higher than usual because my personal assistant, Siân, was on leave for three weeks in "
    "November and her holiday pay goes through the payroll service in January. The employer's National "
    "Insurance bill for the quarter (about £410) is also due on 19 January."
)
ANSWERS = {
    "worked": "Having the same PA every week. Going to the pottery class on my own since September, and the "
    "bus pass means I can get to the allotment without a lift.",
    "not_worked": "The gym membership: I went four times. Evenings are still the hardest part of the week.",
    "change": "Swap the gym for a walking group with the Exampleshire Ramblers, and move one PA session to a "
    "Thursday evening.",
}


def _held_elsewhere_and_reconciled(session: Session, quarter_end: dt.date) -> None:
    accounts.set_identity(session, "A Testwood direct payment account", "4417", "Alys Testwood and Morgan Sample")
    period = budget.period_for(session, quarter_end)
    assert period is not None
    notional = budget.add_stream(
        session,
        period.id,
        budget.StreamDetails("nhs_phb", "Exampleshire ICB (held by the team)", 50000, "monthly", held_as="notional"),
    )
    invoice = ledger.add_transaction(
        session,
        ledger.TransactionDraft(
            quarter_end - dt.timedelta(days=20), "out", 36000, "Calm Minds Counselling", "Counselling, 6 sessions",
            stream_id=notional.id, receipt_not_needed=True,
        ),
    )  # fmt: skip
    assert not invoice.through_account
    accounts.reconcile(session, quarter_end, figures.balance_on(session, quarter_end))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = seed.create_store(Path(tmp) / "demo.ipb", "sample documents passphrase")
        try:
            build_demo(store, TODAY)
            with store.transaction() as session:
                quarter = resolve(session, Preset.LAST_QUARTER, TODAY)
                explanations.save_explanation(session, quarter.start, quarter.end, EXPLANATION, TODAY)
                for question, text in ANSWERS.items():
                    session.info["actor"] = f"planner:{PLANNER}" if question == "change" else "holder"
                    review_answers.save_answer(session, question, text, TODAY)
                session.info["actor"] = "holder"
                since = resolve(session, Preset.SINCE_LAST_REVIEW, TODAY)
                _held_elsewhere_and_reconciled(session, quarter.end)
            html_documents.write_statement_from_store(store, HERE / "statement.html", quarter.start, quarter.end, TODAY)
            html_documents.write_review_pack_from_store(store, HERE / "review-pack.html", since.start, since.end, TODAY)
            if "--html" in sys.argv:
                return
            pdf_statement.write_from_store(store, HERE / "statement.pdf", quarter.start, quarter.end, TODAY)
            pdf_review_pack.write_from_store(store, HERE / "review-pack.pdf", since.start, since.end, TODAY)
            pdf_review_pack.write_from_store(
                store,
                HERE / "review-pack-large-print.pdf",
                since.start,
                since.end,
                TODAY,
                large_print=True,
                include_transactions=False,
            )
            pdf_evidence.write_from_store(store, HERE / "evidence-pack.pdf", quarter.start, quarter.end, TODAY)
            csv_export.export_transactions(store, HERE / "payments.csv", quarter.start, quarter.end)
            csv_export.export_summary(store, HERE / "summary.csv", quarter.start, quarter.end, TODAY)
        finally:
            store.close()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (apt-get install poppler-utils): no page images made")
        return
    for old in HERE.glob("*.png"):
        old.unlink()
    for name in ("statement", "review-pack", "review-pack-large-print", "evidence-pack"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(HERE / f"{name}.pdf"), str(HERE / name)], check=True)
    print("\n".join(sorted(p.name for p in HERE.iterdir())))


if __name__ == "__main__":
    main()
