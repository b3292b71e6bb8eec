/** Altair over MQTT: live values and monitoring with a Thing or Category credential. */
export * from './backoff';
export * from './decode';
export * from './listeners';
export * from './liveClient';
export * from './topics';
