"""IoT Explorer's bridge to the user's own das.iot_client (the IoT-TICKET Python SDK).

VS Code starts this script with the user's interpreter, one process per connection, and talks to it over
stdin/stdout in length-prefixed frames (see dasbridge/framing.py). Everything runs from main(), under the
__main__ guard: the SDK's get_multiple_timeseries may start processes of its own, and with the spawn start
method each of them imports this file again as __mp_main__, which must then do nothing.
"""
import sys


def _too_old():
    # Written without the package (it may not even import on an old Python), in the same framing.
    import json
    import os
    import struct
    body = json.dumps({
        'op': 'fatal', 'reason': 'python-too-old', 'type': 'RuntimeError',
        'message': 'IoT Explorer needs Python 3.8 or newer; %s is %s' % (sys.executable, sys.version.split()[0]),
    }).encode('utf-8')
    os.write(1, struct.pack('>I', len(body)) + body)
    sys.exit(3)


if __name__ == '__main__':
    if sys.version_info < (3, 8):
        _too_old()
    from dasbridge.server import main
    main()
