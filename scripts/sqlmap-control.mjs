#!/usr/bin/env node
// The control for scripts/sqlmap.sh: a deliberately injectable endpoint on loopback, so a scan proves that sqlmap
// and the script's reading of its verdicts can find an injection at all before "nothing found" means anything.
// GET /search?q=… splices q into SQL run on an in-memory PGlite (the same engine as the embedded database).
// Never part of the product; it listens only on 127.0.0.1 and only while the scan runs.
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';

const port = Number(process.argv[2]);
const db = new PGlite();
await db.exec(`create table person (id int primary key, name text);
  insert into person values (1, 'somchai'), (2, 'somsri'), (3, 'malee');`);

http
  .createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/healthz') return response.end('ok');
    if (url.pathname !== '/search') return response.writeHead(404).end();
    try {
      // The injection, on purpose: the value is spliced into the query text.
      const result = await db.query(`select id, name from person where name = '${url.searchParams.get('q') ?? ''}'`);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  })
  .listen(port, '127.0.0.1');
