"""The bridge's request loop: builds the client the way the user's scripts do, then serves calls on a thread
pool, several in flight, each answered by id. Protocol frames use private copies of fds 0 and 1; fd 1 itself is
pointed at stderr, so whatever the SDK, its libraries or its child processes print lands in the log, never in
the protocol stream. Secrets arrive in the first message on stdin: never argv, the environment or a file."""
import concurrent.futures
import importlib
import os
import sys
import threading
import traceback

from . import PROTOCOL
from .capture import ThreadStdout
from .framing import FrameReader, FrameWriter, ProtocolClosed
from .wire import Attachments, decode, encode

DEFAULT_FACTORY = 'das.iot_client:IoTClient'
SDK_DISTRIBUTIONS = ('das', 'das-sdk', 'das_sdk', 'das-iot-client', 'iot-ticket-das')


def log(message):
    sys.stderr.write(message.rstrip('\n') + '\n')
    sys.stderr.flush()


def _python_info():
    return {
        'python': sys.version.split()[0], 'versionInfo': list(sys.version_info[:3]),
        'executable': sys.executable, 'pid': os.getpid(), 'protocol': PROTOCOL,
    }


def _error(exc):
    """What the caller needs of an exception: its type, message and HTTP status (traceback: log only)."""
    names = [c.__name__ for c in type(exc).__mro__]
    validation = (isinstance(exc, ValueError) or 'ValidationError' in names) and not isinstance(exc, UnicodeError) \
        and 'JSONDecodeError' not in names
    out = {'type': type(exc).__name__, 'module': type(exc).__module__, 'message': str(exc), 'validation': validation}
    status = getattr(getattr(exc, 'response', None), 'status_code', None)
    if isinstance(status, int):
        out['status'] = status
    return out


def sdk_version():
    try:
        from importlib import metadata
        for name in SDK_DISTRIBUTIONS:
            try:
                return metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
    except ImportError:  # pragma: no cover - Python < 3.8 is refused earlier
        pass
    for module in ('das', 'das.iot_client'):
        version = getattr(sys.modules.get(module), '__version__', None)
        if version:
            return str(version)
    return None


def resolve_factory(spec):
    module_name, _, attribute = spec.partition(':')
    if not module_name or not attribute:
        raise ValueError('factory %r must be "module:callable"' % spec)
    target = importlib.import_module(module_name)
    for part in attribute.split('.'):
        target = getattr(target, part)
    if not callable(target):
        raise TypeError('factory %r is not callable' % spec)
    return target


class Bridge:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.client = None
        self.pool = None
        self.futures = {}
        self.cancelled = set()
        self.lock = threading.Lock()

    def fatal(self, reason, exc=None, message=None):
        if exc is not None:
            log(''.join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        header = {'op': 'fatal', 'reason': reason, 'message': message or str(exc)}
        if exc is not None:
            header.update(type=type(exc).__name__, module=type(exc).__module__)
        header.update(_python_info())
        self.writer.send(header)

    def init(self, message):
        sys.path[:0] = [p for p in message.get('sysPath') or [] if p not in sys.path]
        try:
            importlib.import_module('das.iot_client')
        except BaseException as exc:  # noqa: B902 - an SDK failing to import may raise anything
            self.fatal('sdk-not-importable', exc, 'das.iot_client cannot be imported by %s: %s: %s' % (sys.executable, type(exc).__name__, exc))
            return False
        spec = message.get('factory') or DEFAULT_FACTORY
        try:
            factory = resolve_factory(spec)
        except BaseException as exc:  # noqa: B902
            self.fatal('factory-not-found', exc, 'factory %s not found: %s: %s' % (spec, type(exc).__name__, exc))
            return False
        kwargs = decode(message.get('kwargs') or {})
        kwargs.update(message.get('secrets') or {})
        try:
            self.client = factory(**kwargs)
        except BaseException as exc:  # noqa: B902
            self.fatal('factory-failed', exc, '%s raised %s: %s' % (spec, type(exc).__name__, exc))
            return False
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=int(message.get('workers') or 8), thread_name_prefix='das-call')
        ready = {'op': 'ready', 'sdkVersion': sdk_version(), 'factory': spec, 'client': type(self.client).__name__}
        ready.update(_python_info())
        self.writer.send(ready)
        return True

    def target(self, group, name):
        """`client.name`, or `client.<group>.name` for SDK builds that nest their clients."""
        if hasattr(self.client, name):
            return self.client
        for attr in (group, group + '_client', group + 's') if group else ():
            sub = getattr(self.client, attr, None)
            if sub is not None and hasattr(sub, name):
                return sub
        raise AttributeError('%s has no method %s%s' % (type(self.client).__name__, name, ' (nor .%s.%s)' % (group, name) if group else ''))

    def run(self, message):
        op = message['op']
        if op == 'describe':
            return self.describe()
        method = message['method']
        target = self.target(message.get('group'), method)
        if op == 'get':
            return getattr(target, method)
        args = decode(message.get('args') or [])
        kwargs = decode(message.get('kwargs') or {})
        if message.get('capture'):
            with ThreadStdout.capture() as printed:
                getattr(target, method)(*args, **kwargs)
            return printed.getvalue()
        return getattr(target, method)(*args, **kwargs)

    def describe(self):
        out = {'sdkVersion': sdk_version(), 'client': type(self.client).__name__}
        out.update(_python_info())
        for name in ('get_organization_details', 'get_organizations'):
            fn = getattr(self.client, name, None)
            if fn is None:
                continue
            try:
                found = fn()
                out['organization'] = found[0] if isinstance(found, list) and found else found
                break
            except Exception as exc:  # noqa: BLE001 - reported, then the next way is tried
                out.setdefault('organizationErrors', []).append('%s: %s: %s' % (name, type(exc).__name__, exc))
        return out

    def answer(self, request_id, message):
        try:
            value = self.run(message)
            att = Attachments()
            header = {'op': 'result', 'id': request_id, 'value': encode(value, att)}
            if request_id not in self.cancelled:
                self.writer.send(header, att.items)
        except BaseException as exc:  # noqa: B902 - every failure is answered, none kills the bridge
            log('[traceback %s %s]\n%s' % (request_id, message.get('method', message['op']), traceback.format_exc()))
            if request_id not in self.cancelled:
                self.writer.send(dict(_error(exc), op='error', id=request_id))
        finally:
            with self.lock:
                self.futures.pop(request_id, None)
                self.cancelled.discard(request_id)

    def serve(self):
        while True:
            message, _ = self.reader.read()
            op = message.get('op')
            if op == 'cancel':
                with self.lock:
                    future = self.futures.get(message['id'])
                    if future is not None and future.cancel():
                        self.futures.pop(message['id'], None)
                    elif future is not None:
                        # Running: Python cannot stop it; its answer is dropped.
                        self.cancelled.add(message['id'])
            elif op in ('call', 'get', 'describe'):
                with self.lock:
                    self.futures[message['id']] = self.pool.submit(self.answer, message['id'], message)
            elif op == 'shutdown':
                return
            else:
                log('[bridge] unknown op %r ignored' % op)


def main():
    proto_in = os.fdopen(os.dup(0), 'rb')
    proto_out = os.fdopen(os.dup(1), 'wb')
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)
    sys.stdout = ThreadStdout(sys.stderr)
    writer = FrameWriter(proto_out)
    bridge = Bridge(FrameReader(proto_in), writer)
    writer.send(dict(_python_info(), op='hello'))
    code = 0
    try:
        message, _ = bridge.reader.read()
        if message.get('op') != 'init':
            bridge.fatal('protocol', message='expected init, got %r' % message.get('op'))
            code = 2
        elif not bridge.init(message):
            code = 3
        else:
            bridge.serve()
    except ProtocolClosed:
        pass
    finally:
        sys.stderr.flush()
        # Calls still running cannot be interrupted; the process ends without waiting for them.
        os._exit(code)
