/** The store's public entry: open a database, and the types everything else codes against. */
export { articleContentKey } from './content-key.js';
export { type OpenStoreOptions, openStore } from './open.js';
export { LOCK_HEARTBEAT_MS, type SqliteStore } from './sqlite-store.js';
export type * from './types.js';
