import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './error-handler.ts';

/**
 * Serves the built web app (web/dist) from the same origin as the API: files
 * by path, and index.html for every other non-API path so the app's own
 * router takes over. Hashed assets are cached for a year, index.html never.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const indexPath = path.join(distDir, 'index.html');
  await app.register(fastifyStatic, { root: distDir, serve: false });

  app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent((request.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    if (urlPath.startsWith('api/') || urlPath === 'api') return sendError(reply, request, 'NOT_FOUND');
    const filePath = path.resolve(distDir, urlPath);
    if (urlPath && filePath.startsWith(distDir + path.sep) && isFile(filePath)) {
      const immutable = urlPath.startsWith('assets/');
      return reply.sendFile(urlPath, { maxAge: immutable ? '365d' : 0, immutable });
    }
    if (!fs.existsSync(indexPath)) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build:web` (npm start does this for you).');
    }
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}
