"""Frames: a 4-byte big-endian header length, a UTF-8 JSON header, then the binary attachments whose byte
lengths the header lists under "b" (in order). Attachments carry columns of numbers (little-endian float64),
so large series never travel as JSON numbers."""
import json
import struct
import threading

_LENGTH = struct.Struct('>I')


class ProtocolClosed(Exception):
    """The other side closed the stream."""


class FrameReader:
    def __init__(self, stream):
        self._stream = stream

    def _exactly(self, n):
        chunks = []
        remaining = n
        while remaining > 0:
            chunk = self._stream.read(remaining)
            if not chunk:
                raise ProtocolClosed()
            chunks.append(chunk)
            remaining -= len(chunk)
        return b''.join(chunks)

    def read(self):
        """The next frame as (header dict, [attachment bytes])."""
        (length,) = _LENGTH.unpack(self._exactly(4))
        header = json.loads(self._exactly(length).decode('utf-8'))
        attachments = [self._exactly(n) for n in header.get('b', ())]
        return header, attachments


class FrameWriter:
    """Thread-safe: worker threads answer while the main thread reads."""

    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, header, attachments=()):
        if attachments:
            header = dict(header, b=[len(a) for a in attachments])
        # allow_nan=False: the wire encoder turns NaN into null; anything else is a bug to report, not to send.
        body = json.dumps(header, separators=(',', ':'), allow_nan=False, ensure_ascii=False).encode('utf-8')
        with self._lock:
            self._stream.write(_LENGTH.pack(len(body)))
            self._stream.write(body)
            for a in attachments:
                self._stream.write(a)
            self._stream.flush()
