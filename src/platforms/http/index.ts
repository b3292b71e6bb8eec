export * from './auth';
export * from './errors';
export * from './httpClient';
export * from './logger';
export * from './paging';
export * from './redact';
export * from './retry';
export * from './tls';
