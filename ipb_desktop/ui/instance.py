"""One window per person: a second `ipb-desktop [STORE]` hands its store to the window already open.

The first launch listens on a local socket (a named pipe on Windows) whose name is private to this user and to
this app's settings folder; a later launch connects, sends the store's path (or an empty line: "just show
yourself") and leaves. GnuCash and KeePassXC behave the same way.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ipb_desktop import paths

CONNECT_MS = 1000
SEND_MS = 2000


def server_name() -> str:
    """Short (Unix socket paths are limited to about 100 characters) and different per user and settings folder."""
    where = str(paths.config_dir().absolute()).encode("utf-8")
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return f"ipb-desktop-{user}-{hashlib.sha256(where).hexdigest()[:12]}"


def hand_over(store: Path | None) -> bool:
    """Send `store` (None: just show the window) to a running app. False when none is running."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(((str(store) if store is not None else "") + "\n").encode("utf-8"))
    sent = socket.waitForBytesWritten(SEND_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(SEND_MS)
    return sent


class InstanceServer(QObject):
    """Listens for later launches and emits `store_requested` with the path each one sends (None: no path)."""

    store_requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        # Only this user may connect (the socket file is owner-only on Unix).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._sockets: list[QLocalSocket] = []

    def listen(self) -> bool:
        name = server_name()
        if self.server.listen(name):
            return True
        # A socket left behind by an app that crashed: nobody answered hand_over(), so it is safe to remove.
        QLocalServer.removeServer(name)
        return self.server.listen(name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            self.store_requested.emit(Path(line) if line else None)

    def _drop(self, socket: QLocalSocket) -> None:
        if socket in self._sockets:
            self._sockets.remove(socket)
            socket.deleteLater()

    def close(self) -> None:
        self.server.close()
