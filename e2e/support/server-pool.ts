import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServerFrom, type RunningServer } from './server.ts';

export interface ServerPool {
  /** Where the files ask for a server: POST /take answers { id, baseUrl }; POST /stop/<id> gives it back. */
  url: string;
  close(): Promise<void>;
}

type Started = { server: RunningServer } | { error: Error };

/**
 * Servers started ahead of time, in the global setup's process, for the files that need no environment of their
 * own: each one is a fresh server on its own copy of the prepared data folder, exactly as a file would start it,
 * but it starts while the previous file runs, so a file finds it ready. A server given out is never given out
 * again; the pool stops it (and removes its data) when the file is done with it.
 */
export async function startServerPool(template: string, spares = 1): Promise<ServerPool> {
  const waiting: Promise<Started>[] = [];
  const taken = new Map<string, RunningServer>();
  const stopping = new Set<Promise<void>>();
  let closed = false;
  const closing = new AbortController();

  const start = (): Promise<Started> =>
    startServerFrom(template, {}, closing.signal).then(
      (server) => ({ server }),
      (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
  const refill = () => {
    while (!closed && waiting.length < spares) waiting.push(start());
  };
  const stopInBackground = (server: RunningServer) => {
    const stop = server.stop().finally(() => stopping.delete(stop));
    stopping.add(stop);
  };

  async function take(response: ServerResponse): Promise<void> {
    const next = waiting.shift() ?? start();
    refill();
    const started = await next;
    if ('error' in started) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(started.error.message);
      return;
    }
    if (closed) {
      stopInBackground(started.server);
      response.writeHead(503).end('the server pool is closed');
      return;
    }
    const id = randomUUID();
    taken.set(id, started.server);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id, baseUrl: started.server.baseUrl }));
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    request.resume();
    if (request.method === 'POST' && request.url === '/take') {
      take(response).catch((error: unknown) => response.writeHead(500).end(String(error)));
      return;
    }
    const id = request.method === 'POST' ? /^\/stop\/([\w-]+)$/.exec(request.url ?? '')?.[1] : undefined;
    const server = id ? taken.get(id) : undefined;
    if (id && server) {
      taken.delete(id);
      stopInBackground(server);
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404).end();
  }

  const http = createServer(handle);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  refill();

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      closed = true;
      // The spares still starting are not waited for: nobody will use them.
      closing.abort();
      await new Promise((resolve) => {
        http.close(resolve);
        http.closeAllConnections();
      });
      for (const started of await Promise.all(waiting.splice(0))) {
        if ('server' in started) stopInBackground(started.server);
      }
      for (const server of taken.values()) stopInBackground(server);
      taken.clear();
      await Promise.all([...stopping]);
    },
  };
}
