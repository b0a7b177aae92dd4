"""What assistive technology is told about our own widgets, and announcements of messages that matter.

Qt builds an accessible interface for each widget from its class; `register` adds ours (the passphrase field,
headings) through one factory. `announce` asks the screen reader to say a message now (AT-SPI
`object:announcement`), so a message is heard as well as shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

Builder = Callable[[QObject], QAccessibleInterface]
_builders: list[tuple[type, Builder]] = []
_keep: dict[int, QAccessibleInterface] = {}
_installed = False


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    for cls, build in _builders:
        if type(obj) is cls or (isinstance(obj, cls) and type(obj).__name__ == class_name):
            made = build(obj)
            # Qt's accessibility cache owns the interface now; keep the Python side alive as long as the widget.
            key = id(obj)
            _keep[key] = made
            obj.destroyed.connect(lambda *_args, k=key: _keep.pop(k, None))
            return made
    return None


def register(cls: type, build: Builder) -> None:
    """Use `build(widget)` for every widget of class `cls` (once per class)."""
    global _installed
    if any(known is cls for known, _b in _builders):
        return
    _builders.append((cls, build))
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


class HeadingAccessible(QAccessibleWidget):
    """A heading, said as a heading (screen readers can jump between them), named by its own text."""

    def __init__(self, label: QObject) -> None:
        assert isinstance(label, QLabel)
        super().__init__(label, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        label = self.widget()
        if kind == QAccessible.Text.Name and isinstance(label, QLabel):
            return label.accessibleName() or label.text()
        return super().text(kind)


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Ask screen readers to say `text` now (politely, after what they are saying, unless `urgent`)."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive if urgent else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
