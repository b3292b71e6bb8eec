/** The Python backend of the IoT-TICKET asset API: the user's own das.iot_client in a Python process. */
export * from './bridgeProcess';
export * from './errors';
export * from './pythonAssetApi';
export * from './pythonBackend';
export { WireFrame, pythonClassOf } from './wire';
