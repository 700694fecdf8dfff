import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsSender, toMsisdn } from './sms-gateway.ts';

const received: { type: string | undefined; auth: string | undefined; body: string }[] = [];
let status = 200;
const server = createServer((request: IncomingMessage, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({ type: request.headers['content-type'], auth: request.headers.authorization, body });
    response.writeHead(status).end('{}');
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the SMS gateway adapter', () => {
  it('writes Thai mobile numbers as 66 and nine digits', () => {
    expect(toMsisdn('081-234-5678')).toBe('66812345678');
    expect(toMsisdn('+66 81 234 5678')).toBe('66812345678');
  });

  it('posts JSON with a bearer token, or ThaiBulkSMS’s form with basic auth, and fails on an error status', async () => {
    await createSmsSender({ url, token: 't0k3n', provider: 'json', sender: 'OSCC1300' }).send('0812345678', 'ทดสอบ');
    expect(received.at(-1)).toEqual({
      type: 'application/json',
      auth: 'Bearer t0k3n',
      body: JSON.stringify({ to: '66812345678', text: 'ทดสอบ', sender: 'OSCC1300' }),
    });
    await createSmsSender({ url, token: 'key:secret', provider: 'thaibulksms', sender: 'OSCC1300' }).send(
      '0812345678',
      'ทดสอบ',
    );
    const form = received.at(-1)!;
    expect(form.type).toBe('application/x-www-form-urlencoded');
    expect(form.auth).toBe(`Basic ${Buffer.from('key:secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual({
      msisdn: '66812345678',
      message: 'ทดสอบ',
      sender: 'OSCC1300',
    });
    status = 503;
    await expect(
      createSmsSender({ url, token: null, provider: 'json', sender: 'OSCC1300' }).send('0812345678', 'x'),
    ).rejects.toThrow('SMS gateway answered 503');
  });
});
