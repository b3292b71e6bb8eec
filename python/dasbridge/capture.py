"""sys.stdout for the bridge: what a call prints goes to that call's buffer while it captures
(print_asset_tree prints its result), and to stderr, hence the log, otherwise. Per thread, so calls in
flight at the same time do not mix their output."""
import contextlib
import io
import threading


class ThreadStdout(io.TextIOBase):
    _local = threading.local()

    def __init__(self, fallback):
        super().__init__()
        self._fallback = fallback

    def writable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return getattr(self._fallback, 'encoding', 'utf-8')

    def fileno(self):
        # Code that hands sys.stdout to a subprocess gets stderr's fd: its output lands in the log too.
        return self._fallback.fileno()

    def write(self, text):
        buffer = getattr(self._local, 'buffer', None)
        return (buffer or self._fallback).write(text)

    def flush(self):
        if getattr(self._local, 'buffer', None) is None:
            self._fallback.flush()

    @classmethod
    @contextlib.contextmanager
    def capture(cls):
        previous = getattr(cls._local, 'buffer', None)
        cls._local.buffer = io.StringIO()
        try:
            yield cls._local.buffer
        finally:
            cls._local.buffer = previous
