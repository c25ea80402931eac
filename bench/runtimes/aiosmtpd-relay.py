"""A relay for the cold-start benchmark that greets at once: aiosmtpd
(Debian package python3-aiosmtpd) on 127.0.0.1 requiring STARTTLS and AUTH,
with the test CA's leaf certificate. It accepts every message and answers
with a queue id. Prints "ready" once listening; runs until SIGTERM or SIGINT.

Usage: python3 aiosmtpd-relay.py PORT CERT KEY USER PASS
"""
import logging
import secrets
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

# aiosmtpd 1.4 logs a deprecation warning about its own Session.login_data on every AUTH.
logging.getLogger("mail.log").setLevel(logging.ERROR)

port, cert, key, user, password = sys.argv[1:6]
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        return f"250 2.0.0 Ok: queued as {secrets.token_hex(6).upper()}"


controller = Controller(
    Handler(),
    hostname="127.0.0.1",
    port=int(port),
    tls_context=context,
    require_starttls=True,
    auth_required=True,
    auth_require_tls=True,
    authenticator=authenticate,
)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
