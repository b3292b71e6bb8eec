"""The baseline of bridge_series_ratio: the same get_timeseries call made directly in Python with the stand-in
das package, timed inside Python. Reads the client's settings as the first stdin line (JSON), then one JSON
object of get_timeseries keyword arguments per line; answers each with {"ms", "points"} on stdout."""
import json
import sys
import time


def main():
    sys.path.insert(0, sys.argv[1])  # test/fixtures/das
    from das.iot_client import IoTClient
    client = IoTClient(**json.loads(sys.stdin.readline()))
    for line in sys.stdin:
        kwargs = json.loads(line)
        kwargs['astype'] = float
        started = time.perf_counter()
        frame = client.get_timeseries(**kwargs)
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({'ms': ms, 'points': len(frame)}), flush=True)


if __name__ == '__main__':
    main()
