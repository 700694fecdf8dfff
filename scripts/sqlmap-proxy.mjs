#!/usr/bin/env node
// A small reverse proxy between sqlmap and the OSCC server under test (see scripts/sqlmap.sh):
//  - every request gets an X-Forwarded-For of its own (the server runs with TRUST_PROXY=true), so the
//    per-address rate limits that are fixed or capped in the code (sign-in and password routes: at most
//    30 a minute; public reports: at most 20 an hour; the status check: 30 a minute) do not answer 429
//    in place of the route while sqlmap sends its thousands of requests from one address;
//  - webhook bodies are signed as LINE (X-Line-Signature) and Facebook (X-Hub-Signature-256) would sign
//    them, so sqlmap's payloads get past the signature check to the code that parses and stores them;
//  - what differs in every answer — the request id of an error, the tracking code, PIN and time of a public
//    report's receipt — is replaced by a constant, so equal answers look equal to sqlmap.
// Usage: node scripts/sqlmap-proxy.mjs <listen port> <server base URL>
// Environment: LINE_CHANNEL_SECRET, FACEBOOK_APP_SECRET (the secrets the server was started with).
import { createHmac } from 'node:crypto';
import http from 'node:http';

const [listenPort, target] = process.argv.slice(2);
if (!listenPort || !target) {
  process.stderr.write('usage: sqlmap-proxy.mjs <listen port> <server base URL>\n');
  process.exit(2);
}
const upstream = new URL(target);
const lineSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const facebookSecret = process.env.FACEBOOK_APP_SECRET ?? '';

let sequence = 0;
/** 10.0.0.1, 10.0.0.2, … — a different client address for every request. */
function nextAddress() {
  sequence += 1;
  return `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`;
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...request.headers, host: upstream.host, 'x-forwarded-for': nextAddress() };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'POST' && path === '/api/webhooks/line' && lineSecret)
      headers['x-line-signature'] = createHmac('sha256', lineSecret).update(body).digest('base64');
    if (request.method === 'POST' && path === '/api/webhooks/facebook' && facebookSecret)
      headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', facebookSecret).update(body).digest('hex')}`;
    if (body.length || !['GET', 'HEAD'].includes(request.method ?? 'GET'))
      headers['content-length'] = String(body.length);
    const forward = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers },
      (answer) => {
        const parts = [];
        answer.on('data', (chunk) => parts.push(chunk));
        answer.on('end', () => {
          // Constants for what is new in every answer keep the pages comparable, so sqlmap's boolean-based
          // tests compare answers rather than falling back to a fuzzy match.
          const text = Buffer.concat(parts)
            .toString('utf8')
            .replace(/"(requestId|trackingCode|pin|receivedAt)":"[^"]*"/g, '"$1":"-"');
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
          delete headers['x-request-id'];
          delete headers['transfer-encoding'];
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(text);
        });
      },
    );
    forward.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`sqlmap-proxy: the server did not answer (${error.message})`);
    });
    forward.end(body);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(Number(listenPort), '127.0.0.1', () => {
  process.stdout.write(`sqlmap-proxy listening on 127.0.0.1:${listenPort}, forwarding to ${upstream.origin}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
