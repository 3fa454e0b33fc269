"""HTTP(S) to a checked webhook target over a socket to one of its checked addresses.

`http.client` would resolve the host name again when it connects, and the second answer may
differ from the checked one (DNS rebinding). These connections keep `host` for everything the
receiver sees — the `Host` header, TLS SNI and the certificate's name check — but open the socket
to an address `destinations.check` has already judged, so there is no second lookup.
Redirects are never followed (http.client does not follow them); the answer's body is not read.
"""

from __future__ import annotations

import http.client
import socket
import ssl

from .destinations import Address, Target

# Verifies the certificate chain and that it names the URL's host (ssl's defaults).
tls_context = ssl.create_default_context()


def _connect(addresses: tuple[Address, ...], port: int, timeout: float | None) -> socket.socket:
    failure: OSError = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((str(address), port), timeout)
        except TimeoutError:
            raise
        except OSError as exc:
            failure = exc
    raise failure


class PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.addresses = target.addresses

    def connect(self) -> None:
        self.sock = _connect(self.addresses, self.port, self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self.addresses = target.addresses
        self.tls = context

    def connect(self) -> None:
        sock = _connect(self.addresses, self.port, self.timeout)
        try:
            self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` to the target and return the HTTP status.

    Raises TimeoutError, ssl.SSLError, OSError or http.client.HTTPException when no answer came.
    """
    if target.scheme == "https":
        connection: http.client.HTTPConnection = PinnedHTTPSConnection(target, timeout, tls_context)
    else:
        connection = PinnedHTTPConnection(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
