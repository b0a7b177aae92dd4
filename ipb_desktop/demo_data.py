"""The invented facts behind the demo store (`ipb_desktop.demo`): Alys Testwood's outcomes and ratings, her plan,
and the payments of a typical year, plus tiny receipt files. Every person, business and number is made up.

Days are counted from the first day of the budget period (1 April); "month" rules use a day of the month.
"""

from __future__ import annotations

import random
import struct
import zlib

# key: (what matters, how I'll know, life area)
OUTCOMES = {
    "out": (
        "Feel confident going out on my own",
        "I get the bus into town on my own most weeks",
        "Getting out and about",
    ),
    "work": ("Get back into paid work", "I have a part-time job, even a few hours", "Work, learning and volunteering"),
    "sleep": ("Sleep better", "I sleep through most nights and wake up feeling rested", "Mental and physical health"),
    "friends": ("See my friends more", "I see a friend at least once a week", "Friends, family and relationships"),
    "flat": (
        "Keep my flat the way I like it",
        "My flat is tidy and I am happy to have people round",
        "Home and daily living",
    ),
}

# Monthly scores (0-10) across the year, with the ups and downs of real life.
SCORES = {
    "out": [2, 3, 3, 4, 3, 5, 5, 6, 5, 6, 7, 7],
    "work": [1, 1, 2, 2, 3, 3, 4, 3, 4, 5, 5, 6],
    "sleep": [3, 4, 3, 5, 5, 4, 6, 6, 7, 5, 6, 7],
    "friends": [2, 3, 4, 4, 5, 4, 5, 6, 6, 7, 6, 7],
    "flat": [4, 4, 5, 6, 6, 5, 6, 7, 7, 7, 6, 7],
}

NOTES = {
    "out": {
        "up": [
            "Went to the market on my own on Saturday",
            "Got the bus into town twice this month",
            "Walked to the library and stayed an hour",
        ],
        "down": [
            "Bad week after the bus broke down halfway",
            "Felt anxious on busy days, stayed in more",
            "Cancelled plans twice because of nerves",
        ],
        "same": ["About the same. Still need Morgan with me on busy days", "Steady. Short trips are fine now"],
    },
    "work": {
        "up": [
            "Finished my CV with my coach",
            "Had my first interview in two years",
            "Started volunteering at the charity shop on Tuesdays",
        ],
        "down": ["Didn't get the job. Felt flat for a while", "Too tired to apply for anything this month"],
        "same": ["Still looking. Two applications sent", "Working on my bookkeeping course"],
    },
    "sleep": {
        "up": [
            "The sleep course tips are working",
            "Slept through five nights this week",
            "The weighted blanket really helps",
        ],
        "down": ["Bad nights again when things got stressful", "Clocks changed and my sleep went wrong"],
        "same": ["Some good nights, some bad", "Getting to bed at the same time most nights"],
    },
    "friends": {
        "up": [
            "Went to the cinema with Jas",
            "Pottery friends asked me to join them for coffee",
            "Had friends round for tea",
        ],
        "down": ["Didn't feel like seeing anyone this month", "Jas moved away, missing her"],
        "same": ["Coffee with a friend most weeks", "Kept up with the group chat"],
    },
    "flat": {
        "up": [
            "Cleared the spare room with help from Tidy Nest",
            "Flat looks nice, had people round",
            "Kitchen is sorted now",
        ],
        "down": ["Let things slip when I was low", "Washing piled up for a couple of weeks"],
        "same": ["Keeping on top of it", "Doing a little every day"],
    },
}

# key: (description, category, stream key, planned pence, outcome keys)
PLAN_LINES = {
    "pa": ("Personal assistant, 8 hours a week", "Personal assistant wages", "council", 603200, ("out", "friends")),
    "employer": ("Employer costs: tax, NI and pension", "Employer costs (tax, NI, pension)", "council", 40000, ()),
    "payroll": ("Payroll service", "Payroll and insurance", "council", 24000, ()),
    "insurance": ("Employer's liability insurance", "Payroll and insurance", "council", 8500, ()),
    "bus": ("Bus pass", "Travel", "nhs", 69600, ("out",)),
    "counselling": ("Counselling, every two weeks", "Therapies", "nhs", 221000, ("sleep",)),
    "gym": ("Gym membership", "Gym and exercise", "nhs", 42000, ("sleep",)),
    "pottery": ("Pottery class", "Activities and classes", "nhs", 60000, ("friends", "out")),
    "coaching": ("Employment coaching", "Learning and courses", "nhs", 247000, ("work",)),
    "home": ("Home help, 4 hours every two weeks", "Support agency", "nhs", 249600, ("flat",)),
    "short_break": ("Short break by the sea", "Short breaks and respite", "nhs", 90000, ("sleep", "friends")),
    "sleep": ("Sleep course and weighted blanket", "Therapies", "nhs", 18000, ("sleep",)),
    "laptop": ("Laptop for job search", "Equipment and technology", "nhs", 65000, ("work",)),
    "contingency": ("Contingency (agreed with my planner)", "Other support in my plan", "nhs", 150000, ()),
    "course": ("Bookkeeping course", "Learning and courses", "education", 35000, ("work",)),
    "friends": ("Meeting friends: cafe and cinema", "Activities and classes", "personal", 52000, ("friends",)),
}
ONE_YEAR_ONLY = {"laptop", "short_break", "sleep", "course"}


# Payments that repeat at a fixed amount: (every, when, in/out, pence, payee, description, method, for).
# every is "month" (when = day of the month) or "<n>d" (every n days, the first `when` days after 1 April);
# for is "line=Category@stream", each part optional: a plan line key (which brings its own category and stream),
# a category name and a funding stream key.
REGULAR: list[tuple[str, int, str, int, str, str, str, str]] = [
    (
        "28d",
        6,
        "in",
        56000,
        "Exampleshire County Council",
        "Direct payment",
        "bank_transfer",
        "=Budget payment in@council",
    ),
    (
        "month",
        1,
        "in",
        120000,
        "NHS Exampleshire ICB",
        "Personal health budget",
        "bank_transfer",
        "=Budget payment in@nhs",
    ),
    ("7d", 0, "in", 1000, "A Testwood", "My weekly contribution", "standing_order", "=My own contribution@personal"),
    ("month", 1, "out", 5800, "Exampleshire Buses", "Monthly bus pass", "card", "bus"),
    ("month", 22, "out", 1392, "Exampleshire Workplace Pension", "Employer pension", "direct_debit", "employer"),
    ("month", 5, "out", 2000, "Easipay Payroll Services Ltd", "Payroll service", "direct_debit", "payroll"),
    ("month", 10, "out", 3500, "Northgate Leisure Centre", "Gym membership", "direct_debit", "gym"),
    ("month", 28, "out", 300, "Exampleshire Building Society", "Account fee", "direct_debit", "=Bank charges"),
    ("14d", 6, "out", 9500, "Stepping Stones Employment Coaching", "Coaching session", "bank_transfer", "coaching"),
    ("14d", 12, "out", 9600, "Tidy Nest Home Support", "Home help, 4 hours", "bank_transfer", "home"),
]

# Where Alys goes with friends: (payee, lowest pence, highest pence).
OUTINGS = [
    ("The Kettle Cafe", 580, 1420),
    ("Exampleton Arts Cinema", 850, 1700),
    ("Bowlarama Exampleton", 1200, 1200),
    ("Pizza Corner Exampleton", 1500, 2500),
]

# Once this period: (days after 1 April, in/out, pence, payee, description, method, for, receipt "png"/"pdf"/None).
ONE_OFFS: list[tuple[int, str, int, str, str, str, str, str | None]] = [
    (20, "out", 9500, "Restwell Sleep Course", "Six-week sleep course", "card", "sleep", "pdf"),
    (33, "out", 7900, "Cosy Weight Blankets Ltd", "Weighted blanket", "card", "sleep", "png"),
    (40, "out", 8500, "Harbour Mutual Insurance", "Employer's liability insurance", "direct_debit", "insurance", "pdf"),
    (47, "out", 64900, "Techworld Exampleton", "Laptop and mouse", "card", "laptop", "pdf"),
    (61, "in", 1800, "Clayworks Studio", "Refund: class cancelled", "card", "pottery=Refund", None),
    (80, "out", 15000, "Seaview Guest House", "Deposit for short break", "bank_transfer", "short_break", "pdf"),
    (124, "out", 4260, "Exampleshire Railways", "Train to the coast", "card", "short_break", "png"),
    (
        150,
        "in",
        35000,
        "Exampleshire Adult Learning",
        "Learning grant",
        "bank_transfer",
        "=Budget payment in@education",
        None,
    ),
]

# Split payments this period: (days after 1 April, pence, payee, description, ((pence, plan line), ...), receipt).
SPLITS: list[tuple[int, int, str, str, tuple[tuple[int, str], ...], str]] = [
    (100, 4750, "Northgate Leisure Centre", "Gym and a swim with a friend", ((3500, "gym"), (1250, "friends")), "png"),
    (
        125,
        62000,
        "Seaview Guest House",
        "Short break and a meal out",
        ((56000, "short_break"), (6000, "friends")),
        "pdf",
    ),
    (
        160,
        36500,
        "Exampleshire College",
        "Bookkeeping course and books",
        ((32000, "course"), (4500, "coaching")),
        "pdf",
    ),
]


def receipt_png(rng: random.Random) -> bytes:
    """A tiny greyscale picture of a till receipt: white paper with grey lines of 'text'."""
    width, height = 48, 64
    rows = []
    for y in range(height):
        ink = 5 <= y < height - 5 and y % 6 in (0, 1)
        length = rng.randint(20, 40) if ink else 0
        rows.append(b"\x00" + bytes(90 if 4 <= x < 4 + length else 250 for x in range(width)))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def receipt_pdf(lines: list[str]) -> bytes:
    """A one-page PDF invoice with a few lines of text (valid, with a correct cross-reference table)."""
    text = (
        "BT /F1 12 Tf 50 780 Td 16 TL "
        + " ".join("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines)
        + " ET"
    )
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
