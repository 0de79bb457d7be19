#!/usr/bin/env python3
"""Counts the RTP packets Candor sends to one UDP port (all benchmark calls point their media here).

Usage: rtp-sink.py PORT OUTFILE. Writes "packets N" to OUTFILE every second and on SIGTERM.
"""
import signal
import socket
import sys
import time

port, out = int(sys.argv[1]), sys.argv[2]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
sock.bind(("127.0.0.1", port))
sock.settimeout(1.0)
packets = 0


def write(*_):
    with open(out, "w") as f:
        f.write(f"packets {packets}\n")
    if _:
        sys.exit(0)


signal.signal(signal.SIGTERM, write)
last = time.monotonic()
while True:
    try:
        sock.recv(2048)
        packets += 1
    except socket.timeout:
        pass
    if time.monotonic() - last >= 1.0:
        write()
        last = time.monotonic()
