"""Languages: every message has a complete Welsh translation, every user-facing string in the code is marked for
translation, and choosing Welsh really changes the words on screen and in printed documents."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from ipb_desktop import formatting, i18n

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ipb_desktop"
WELSH_PO = ROOT / "resources" / "locale" / "cy" / "LC_MESSAGES" / "ipb_desktop.po"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Each test may switch language; the next test always starts (and this one ends) in English."""
    i18n.set_locale("en_GB")
    yield
    i18n.set_locale("en_GB")


def _update_catalogs() -> ModuleType:
    """tools/update_catalogs.py, loaded as a module so the test extracts exactly what the tool extracts."""
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "tools" / "update_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_catalogs", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def welsh() -> Catalog:
    with WELSH_PO.open("rb") as handle:
        return read_po(handle, locale="cy")


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, list | tuple) else message.id)


def _where(message: Message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations[:2]) or "?"


# --- (a) the Welsh catalogue is complete -------------------------------------------------------------------


def test_every_message_in_the_code_has_a_welsh_translation(welsh: Catalog) -> None:
    extracted = _update_catalogs().extract()
    problems = []
    for message in extracted:
        if not message.id:
            continue
        found = welsh.get(message.id)
        if found is None:
            problems.append(
                f"missing from cy .po (run tools/update_catalogs.py): {_key(message)!r} ({_where(message)})"
            )
        elif found.fuzzy:
            problems.append(f"fuzzy: {_key(message)!r} ({_where(message)})")
        elif message.pluralizable != found.pluralizable:
            problems.append(f"singular/plural differs from the code: {_key(message)!r} ({_where(message)})")
        else:
            forms = found.string if isinstance(found.string, list | tuple) else (found.string,)
            if message.pluralizable and len(forms) != welsh.num_plurals:
                problems.append(f"needs {welsh.num_plurals} plural forms: {_key(message)!r} ({_where(message)})")
            elif not all(str(form or "").strip() for form in forms):
                problems.append(f"untranslated: {_key(message)!r} ({_where(message)})")
    assert not problems, f"{len(problems)} Welsh messages need work:\n" + "\n".join(problems)


def test_extraction_finds_text_marked_inside_f_strings(tmp_path: Path) -> None:
    """babel's own extractor skips `_()` inside an f-string; tools/update_catalogs.py walks the syntax tree too."""
    package = tmp_path / "ipb_desktop"
    package.mkdir()
    (package / "page.py").write_text(
        "html = f\"<h2>{_('Words you may hear')}</h2>\"\n"
        "line = f\"{ngettext('{n} part', '{n} parts', n).format(n=n)}\"\n"
        "label = _(name)\n",
        encoding="utf-8",
    )
    found = [text for _where, _line, text in _update_catalogs().marked_in_source(package)]
    assert found == ["Words you may hear", ("{n} part", "{n} parts")]


def test_the_welsh_catalogue_header_is_for_welsh(welsh: Catalog) -> None:
    assert str(welsh.locale) == "cy"
    # babel's rule for Welsh: 0 and "other" numbers, 1, 2, 3, 6.
    assert welsh.num_plurals == 5
    assert not welsh.fuzzy


# --- (b) placeholders survive translation -----------------------------------------------------------------

_FORMATTER = string.Formatter()


def _fields(text: str) -> set[str]:
    """The `{name}` placeholders of a str.format template (a doubled brace is a literal brace)."""
    return {name for _lit, name, _spec, _conv in _FORMATTER.parse(text) if name is not None}


def test_translations_keep_every_placeholder_and_add_none(welsh: Catalog) -> None:
    problems = []
    for message in welsh:
        if not message.id or not message.string:
            continue
        ids = list(message.id) if isinstance(message.id, list | tuple) else [message.id]
        strings = list(message.string) if isinstance(message.string, list | tuple) else [message.string]
        try:
            expected = set().union(*(_fields(str(i)) for i in ids))
        except ValueError:
            continue  # not a format template (a lone brace in the English): nothing is formatted into it
        for index, text in enumerate(strings):
            if not text:
                continue
            try:
                got = _fields(str(text))
            except ValueError as error:
                problems.append(f"broken braces ({error}) in {_key(message)!r} -> {text!r}")
                continue
            # A plural form may leave out the number ("un taliad" for 1), never add a new name.
            need = expected if not message.pluralizable else expected - {"n", "count"}
            if got - expected or (need - got):
                problems.append(f"{_key(message)!r} form {index}: wants {sorted(expected)}, has {sorted(got)}")
            else:
                values = dict.fromkeys(got, "X")
                str(text).format(**values)
    assert not problems, "\n".join(problems)


# Welsh words use about 20 letters, and these windows have more Alt-letters than that (menu bar included): in
# Welsh these few go without one rather than share a letter (tests/ui/test_alt_letters.py runs in Welsh too).
NO_LETTER_LEFT_IN_WELSH = {
    "&Monitoring return is due",
    "&Warn me when the account holds",
    "De&lete…",
    "Chec&k against bank statement…",  # Spending in Welsh uses every letter of it; the button is still a Tab stop
}


def test_accelerators_stay_single(welsh: Catalog) -> None:
    """A keyboard accelerator in the English ("&Save") is kept in Welsh, once, and not added where none was."""
    problems = []
    for message in welsh:
        if not message.id or message.pluralizable or not message.string:
            continue
        if message.id in NO_LETTER_LEFT_IN_WELSH and "&" not in str(message.string):
            continue
        english, cymraeg = str(message.id).replace("&&", ""), str(message.string).replace("&&", "")
        marks = re.compile(r"&(?=\w)")
        if len(marks.findall(english)) != len(marks.findall(cymraeg)):
            problems.append(f"{english!r} -> {cymraeg!r}")
    assert not problems, "\n".join(problems)


# --- (c) user-facing strings in the code are marked ------------------------------------------------------

MARKERS = {"_", "N_", "ngettext"}

# Qt classes whose constructor's string arguments are shown to people.
TEXT_CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QCommandLinkButton",
    "QMessageBox",
    "QWizardPage",
    "QProgressDialog",
    "QErrorMessage",
    "QDockWidget",
    "QTreeWidgetItem",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QStandardItem",
}
# Qt methods whose every string argument is shown (positional or keyword).
TEXT_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setStatusTip",
    "setWhatsThis",
    "setTitle",
    "setSubTitle",
    "setLabelText",
    "setInformativeText",
    "setDetailedText",
    "setButtonText",
    "setTabText",
    "setTabToolTip",
    "setItemText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "setSpecialValueText",
    "setCancelButtonText",
    "setOkButtonText",
    "setNameFilter",
    "setNameFilters",
    "addTab",
    "insertTab",
    "addMenu",
    "addRow",
    "showMessage",
    "question",
    "information",
    "warning",
    "critical",
    "about",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
    "getText",
    "getItem",
}
# Our own widgets and helpers (ipb_desktop/ui/widgets/forms.py, dialogs.py, page.py, operations.py, messages.py):
# which positional arguments and keywords are text.
OWN_HELPERS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "Heading": ((0,), ("text",)),
    "plain_label": ((0,), ("text",)),
    "row": ((0, 3), ("label_text", "hint")),
    "show_error": ((0,), ("text",)),
    "show_info": ((0,), ("text",)),
    "confirm": ((1, 2), ("question", "yes_text")),
    "FormDialog": ((1, 3), ("title", "intro")),
    "perform": ((0,), ("text",)),
    "messages.error": ((0,), ("text",)),
    "messages.info": ((0,), ("text",)),
}
# Only the first string argument is text (later ones are data: item keys, action ids, ...).
FIRST_TEXT_ONLY = {"addItem", "insertItem", "addAction", "addButton"}
# Shown only when they contain letters (a "%" or "£" prefix is fine as it is).
AFFIXES = {"setSuffix", "setPrefix"}
# The command line: what it prints, and argparse's help texts (any call's keywords of these names).
CLI_TEXT = {"error", "exit"}
CLI_KEYWORDS = {"help", "description", "epilog"}
# Arguments that are never text: the parent widget, styles, object names, shortcuts, file paths.
NOT_TEXT_KEYWORDS = {"parent", "objectName", "shortcut", "style", "fields", "icon", "userData", "dir", "options"}

# The reportlab text helpers in the printed documents.
PDF_TEXT = {"Paragraph", "para"}

# Proper nouns and names that read the same in every language. Keep this tiny.
ALLOWED = {
    "ipb-desktop",  # the program's name, as typed on the command line
    "English (UK)",  # a language is named in its own language in the language list
    "Cymraeg (Welsh)",
}
_MARKUP = re.compile(r"<[^>]*>|&[a-zA-Z#0-9]+;|%\([a-z_]+\)[sd]|\{[^{}]*\}")
_IDENTIFIER = re.compile(r"^[a-z]+([_.-][a-z0-9]+)+$|^[a-z]+([A-Z][a-z0-9]*)+$")


def _needs_translation(text: str) -> bool:
    """True when `text` has words a person reads: not empty, not punctuation or a number, not an identifier."""
    bare = _MARKUP.sub(" ", text).strip()
    if text in ALLOWED or not re.search(r"[^\W\d_]", bare):
        return False
    return not (len(bare) <= 1 or _IDENTIFIER.match(bare))


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _literal_texts(node: ast.expr, constants: dict[str, ast.Constant]) -> Iterator[tuple[int, str]]:
    """Literal text in an expression that reaches the screen unmarked: plain strings, f-strings, "..." + x,
    "...".format(...), "..." % x, either branch of `a if c else b`, and a module constant holding a plain string.
    A call to `_`/`N_`/`ngettext` (and `_(...).format(...)`) is marked; any other name or call is not judged."""
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        yield node.lineno, "".join(str(p) for p in parts)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        yield from _literal_texts(node.left, constants)
        if isinstance(node.op, ast.Add):
            yield from _literal_texts(node.right, constants)
    elif isinstance(node, ast.IfExp):
        yield from _literal_texts(node.body, constants)
        yield from _literal_texts(node.orelse, constants)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        yield from _literal_texts(node.func.value, constants)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from _literal_texts(element, constants)


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        owner = node.func.value
        if isinstance(owner, ast.Name) and f"{owner.id}.{node.func.attr}" in OWN_HELPERS:
            return f"{owner.id}.{node.func.attr}"
        return node.func.attr
    return ""


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """IpbError and every class in the package that derives from it, however indirectly."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                bases.setdefault(node.name, set()).update(names)
    found = {"IpbError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _text_arguments(call: ast.Call, name: str, errors: set[str], in_statements: bool) -> list[ast.expr]:
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    keywords = [k.value for k in call.keywords if k.arg and k.arg not in NOT_TEXT_KEYWORDS]
    cli = [k.value for k in call.keywords if k.arg in CLI_KEYWORDS]
    owner = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name == "print" or (name in CLI_TEXT and isinstance(owner, ast.Name) and "parser" in owner.id):
        # print("..."), parser.error("..."), parser.exit(2, "..."); never log.error(...), which is for helpers.
        return [a for a in positional if not isinstance(a, ast.Constant) or isinstance(a.value, str)] + cli
    if name in ("InvalidInput", "FieldProblem"):
        return positional[1:2] + [k.value for k in call.keywords if k.arg == "reason"]
    if name in errors:
        return positional[:1] + [k.value for k in call.keywords if k.arg == "message"]
    if name in TEXT_CONSTRUCTORS or name in TEXT_METHODS:
        return positional + keywords
    if name in OWN_HELPERS:
        places, names = OWN_HELPERS[name]
        chosen = [positional[i] for i in places if i < len(positional)]
        return chosen + [k.value for k in call.keywords if k.arg in names]
    if name in FIRST_TEXT_ONLY:
        strings = [a for a in positional if isinstance(a, ast.Constant | ast.JoinedStr | ast.Call | ast.BinOp)]
        return strings[:1] + [k.value for k in call.keywords if k.arg == "text"]
    if name in AFFIXES:
        return positional[:1]
    if in_statements and name in PDF_TEXT:
        return positional[:1] + [k.value for k in call.keywords if k.arg == "text"]
    return cli


def _string_constants(tree: ast.Module) -> dict[str, ast.Constant]:
    """Module-level `NAME = "plain string"` assignments (a constant wrapped in N_() is a call, so not here)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
    return found


def unmarked_strings(package: Path = PACKAGE) -> list[Unmarked]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(package.rglob("*.py"))}
    errors = _error_classes(trees)
    found = []
    for path, tree in trees.items():
        relative = path.relative_to(package.parent).as_posix()
        in_statements = "/statements/" in relative
        constants = _string_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name in MARKERS:
                # `_(SOME_CONSTANT)` translates at run time, but only if the constant itself was marked with N_().
                arguments: list[ast.expr] = [a for a in node.args[:2] if isinstance(a, ast.Name)]
            else:
                arguments = _text_arguments(node, name, errors, in_statements)
            for argument in arguments:
                for line, text in _literal_texts(argument, constants):
                    if _needs_translation(text):
                        found.append(Unmarked(relative, line, name, text))
    return found


def test_no_user_facing_string_is_left_unmarked() -> None:
    found = unmarked_strings()
    assert not found, "wrap these in _() (or N_() for constants):\n" + "\n".join(map(str, found))


def translated_at_import(package: Path = PACKAGE) -> list[str]:
    """`_()`/`ngettext()` calls that run when a module is imported (module level, class bodies, default values).
    Modules are imported before the chosen language is read, so such text would stay English for good."""
    found = []

    def calls(node: ast.AST, where: str) -> None:
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("_", "ngettext"):
                found.append(
                    f"{where}:{call.lineno}: {ast.unparse(call)[:70]} (use N_() here and _() where it is shown)"
                )

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                for default in [*child.args.defaults, *(d for d in child.args.kw_defaults if d is not None)]:
                    calls(default, where)
                for decorator in getattr(child, "decorator_list", []):
                    calls(decorator, where)
            elif (
                isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in ("_", "ngettext")
            ):
                calls(child, where)
            else:
                visit(child, where)

    for path in sorted(package.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), path.relative_to(package.parent).as_posix())
    return found


def test_no_text_is_translated_when_a_module_is_imported() -> None:
    found = translated_at_import()
    assert not found, "\n".join(found)


def test_the_import_time_scan_catches_what_it_should(tmp_path: Path) -> None:
    package = tmp_path / "ipb_desktop"
    package.mkdir()
    (package / "page.py").write_text(
        "TITLE = _('Home')\n"
        "WORDS = {1: _('Achieved'), 2: N_('Set aside')}\n"
        "class Page:\n"
        "    heading = ngettext('{n} payment', '{n} payments', 2)\n"
        "    def show(self, text=_('Hello')):\n"
        "        return _('Fine'), _(WORDS[2])\n",
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in translated_at_import(package)] == ["1", "2", "4", "5"]


def test_the_scan_catches_what_it_should(tmp_path: Path) -> None:
    """The scanner itself: each kind of unmarked text is caught, and marked text, symbols and names are not."""
    package = tmp_path / "ipb_desktop"
    (package / "statements").mkdir(parents=True)
    (package / "ui.py").write_text(
        "class Oops(IpbError): ...\n"
        "QLabel('Hello there')\n"
        "button.setToolTip(f'Save {name}')\n"
        "box.addItem('Weekly', 'weekly')\n"
        "raise InvalidInput('amount', 'type an amount')\n"
        "raise Oops('Something went wrong')\n"
        "spin.setSuffix(' weeks')\n"
        "QLabel(_('Fine'))\n"
        "QLabel(_('Fine {n}').format(n=1))\n"
        "QLabel('£')\n"
        "QLabel('12:30')\n"
        "spin.setSuffix('%')\n"
        "widget.setObjectName('saveButton')\n"
        "box.addItem(_('Monthly'), 'monthly')\n"
        "raise InvalidInput('amount', _('type an amount'))\n"
        "FILTER = 'Budget stores (*.ipb);;All files (*)'\n"
        "HINT = 'Type the name'\n"
        "MARKED = N_('Type the date')\n"
        "dialog.getSaveFileName(self, _('Save as'), '', FILTER)\n"
        "label.setText(_(HINT))\n"
        "label.setText(_(MARKED))\n"
        "print('Saved the file')\n"
        "parser.add_argument('--out', help='where to save it', metavar='FILE')\n"
        "print(_('Saved'), file=sys.stderr)\n",
        encoding="utf-8",
    )
    (package / "statements" / "doc.py").write_text(
        "Paragraph('Money in', style)\nParagraph(f'<b>{escape(x)}</b>', style)\n", encoding="utf-8"
    )
    texts = sorted(u.text for u in unmarked_strings(package))
    assert texts == sorted(
        [
            "Hello there",
            "Save {}",
            "Weekly",
            "type an amount",
            "Something went wrong",
            " weeks",
            "Money in",
            "Budget stores (*.ipb);;All files (*)",
            "Type the name",
            "Saved the file",
            "where to save it",
        ]
    )


# --- (d) and (e) Welsh on screen and on paper --------------------------------------------------------------


def test_choosing_welsh_changes_the_words() -> None:
    from ipb_desktop.errors import WrongPassphrase

    english = str(WrongPassphrase())
    i18n.set_locale("cy")
    assert i18n.current_locale() == "cy"
    assert i18n._("Settings") == "Gosodiadau"
    assert i18n._("Direct payment") == "Taliad uniongyrchol"
    assert str(WrongPassphrase()) != english
    assert "cyfrinymadrodd" in str(WrongPassphrase())
    assert formatting.date_long(dt.date(2026, 11, 23)) == "23 Tachwedd 2026"
    i18n.set_locale("en_GB")
    assert i18n._("Settings") == "Settings"
    assert formatting.date_long(dt.date(2026, 11, 23)) == "23 November 2026"


def test_welsh_plurals_follow_the_number() -> None:
    """Welsh mutates the noun after 2 (dau daliad), 3 and 6 (tri thaliad, chwe thaliad); the catalogue has a form
    for each and the right one is chosen."""
    i18n.set_locale("cy")
    shown = {n: i18n.ngettext("Showing {n} payment.", "Showing {n} payments.", n).format(n=n) for n in range(8)}
    assert shown[1] == "Yn dangos 1 taliad."
    assert shown[2] == "Yn dangos 2 daliad."
    assert shown[3] == "Yn dangos 3 thaliad."
    assert shown[6] == "Yn dangos 6 thaliad."
    assert shown[0] == "Yn dangos 0 taliad." and shown[5] == "Yn dangos 5 taliad."


def test_an_unknown_language_falls_back_to_english() -> None:
    i18n.set_locale("xx")
    assert i18n.current_locale() == "en_GB"
    assert i18n._("Settings") == "Settings"


def test_a_welsh_statement_has_welsh_headings(filled_store: object, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ipb_desktop.models.store import Store
    from ipb_desktop.statements import pdf_statement

    assert isinstance(filled_store, Store)
    i18n.set_locale("cy")
    out = tmp_path / "datganiad.pdf"
    pdf_statement.write_from_store(filled_store, out, dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 2))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(out).pages))
    assert i18n._("Money in") in text
    assert i18n._("Money in") != "Money in"
    assert "1 Ebrill 2026" in text and "30 Mehefin 2026" in text
    assert "Monitoring return" not in text and "Opening balance" not in text
