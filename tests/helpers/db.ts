import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { openLecternDb, type LecternDB } from '../../lib/db/schema';

/**
 * A factory of scratch libraries for one test file: each call opens a database of its own (on
 * fake-indexeddb), and every database opened during a test is closed and deleted after it.
 */
export function scratchDatabases(prefix: string): () => LecternDB {
  const opened: LecternDB[] = [];
  let counter = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return () => {
    const db = openLecternDb(`${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    return db;
  };
}
