"""Help in plain words for people who employ personal assistants with a direct payment.

Data only, in the shape of the Help page's guide (a title and its paragraphs, marked with N_ and translated where
they are shown), so the window's Help page and any printed guide can show it.
"""

from __future__ import annotations

from ipb_desktop.i18n import N_

EMPLOYER_GUIDE: list[tuple[str, list[str]]] = [
    (
        N_("Employing a personal assistant"),
        [
            N_(
                "If you use your direct payment to pay a personal assistant (a PA) yourself, you are their "
                "employer. That means a few jobs: a written contract, a check that they can work in the UK, "
                "pay through payroll (PAYE), holiday pay, a workplace pension, and employer's liability insurance."
            ),
            N_(
                "You do not have to do the sums yourself. Most people use a payroll service: it works out tax, "
                "National Insurance and pension, and sends you payslips. Type in what the payslip says, or "
                "import the payroll service's summary, and the app checks that it adds up."
            ),
            N_(
                "Pay must be at least the National Minimum Wage or National Living Wage. It goes up most years on "
                "1 April. The app tells you if a rate or a payslip looks too low."
            ),
        ],
    ),
    (
        N_("What to keep, and for how long"),
        [
            N_(
                "Keep timesheets, payslips or payroll summaries, what you paid HMRC and the pension provider, "
                "holiday records, contracts, DBS and right to work checks, and your insurance certificate."
            ),
            N_(
                "Councils usually ask you to keep records for six years plus the current year. HMRC asks you to "
                "keep payroll records for at least three years after the tax year they are for. Keeping "
                "everything here, in your locked budget store, does both."
            ),
            N_(
                "Each year, give every PA a P60 by 31 May. Re-enrol your PAs in the workplace pension every three "
                "years. Renew your employer's liability insurance before it runs out."
            ),
        ],
    ),
    (
        N_("Where to get help as an employer"),
        [
            N_(
                "Ask your council or NHS team first: many pay for a payroll service and a support service for "
                "people who employ PAs, and can tell you which insurers cover direct payment employers."
            ),
            N_(
                "GOV.UK has guides on employing someone, PAYE and the minimum wage. The Pensions Regulator has a "
                "guide for people who employ care and support workers. Acas gives free advice on contracts and "
                "holiday on 0300 123 1100."
            ),
        ],
    ),
]
