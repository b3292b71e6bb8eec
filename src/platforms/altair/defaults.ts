/** Constants of the Altair client that code outside it needs without loading the client. */

export const DEFAULT_ALTAIR_HOST = 'https://api.swx.altairone.com';
