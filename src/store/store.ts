// Runtime state: the interface (types.ts), the lowdb file (file-store.ts, the default) and
// PostgreSQL (postgres/, when DATABASE_URL is set; opened through open.ts). Most code imports
// from here.

export * from './types.ts';
export { FileStore, hashWithSalt, readStateFile, type FileStoreData } from './file-store.ts';
