"""The bridge between IoT Explorer and das.iot_client: framing, conversion to the wire, the request server."""
PROTOCOL = 1
