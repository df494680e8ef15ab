import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
const [mode, base] = process.argv.slice(2);
const dir = `/tmp/durable/pg-${mode}-${process.pid}`;
fs.cpSync(base, dir, { recursive: true });
let syncs = 0;
class SyncedNodeFS extends NodeFS {
  async init(pg, opts) {
    const r = await super.init(pg, opts);
    r.emscriptenOpts.preRun.push((mod) => {
      mod.NODEFS.stream_ops.fsync = (stream) => {
        syncs++;
        fs.fsyncSync(stream.nfd);
        return 0;
      };
    });
    return r;
  }
}
const params = PGlite.defaultStartParams.filter((p) => p !== '-F');
const opts =
  mode === 'durable'
    ? { fs: new SyncedNodeFS(dir), startParams: [...params, '-c', 'wal_sync_method=fsync'] }
    : { dataDir: dir };
let t = Date.now();
const pg = new PGlite(opts);
await pg.waitReady;
console.log(mode, 'open ms', Date.now() - t, 'syncs', syncs);
await pg.exec('create table if not exists t (id serial primary key, v text)');
const s0 = syncs;
t = Date.now();
for (let i = 0; i < 200; i++) await pg.query('insert into t (v) values ($1)', ['x' + i]);
console.log(mode, '200 inserts ms', Date.now() - t, 'syncs', syncs - s0);
console.log((await pg.query('show fsync')).rows, (await pg.query('show wal_sync_method')).rows);
t = Date.now();
await pg.close();
console.log('close ms', Date.now() - t, 'syncs', syncs);
fs.rmSync(dir, { recursive: true, force: true });
