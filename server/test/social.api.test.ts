import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * LINE, tested against a local HTTP server that plays the Messaging API with
 * its real request and response shapes: signed webhooks in, push messages out.
 */
const SECRET = 'line-channel-secret-for-tests';
const TOKEN = 'line-channel-access-token-for-tests';
const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';

interface Pushed {
  authorization: string | undefined;
  body: { to: string; messages: { type: string; text: string }[] };
}
const pushed: Pushed[] = [];
let lineIsDown = false;
let line: Server;
let t: TestApp;
let calltaker: string;

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => resolve(data));
  });

/** The part of the LINE Messaging API OSCC calls, with LINE's answers. */
async function playLine(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await read(request);
  if (request.method === 'POST' && request.url === '/v2/bot/message/push') {
    if (lineIsDown) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal server error"}');
      return;
    }
    pushed.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
    response.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'req-1' }).end('{}');
    return;
  }
  response.writeHead(404).end();
}

beforeAll(async () => {
  line = createServer((request, response) => void playLine(request, response));
  await new Promise<void>((resolve) => line.listen(0, '127.0.0.1', resolve));
  const { port } = line.address() as AddressInfo;
  t = await createTestApp({
    env: {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_URL: `http://127.0.0.1:${port}`,
    },
  });
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => line.close(resolve));
});

/** A webhook body as LINE sends it, and its signature. */
function webhook(events: object[], secret = SECRET) {
  const body = JSON.stringify({ destination: 'Uoscc1300', events });
  return { body, signature: createHmac('sha256', secret).update(body).digest('base64') };
}

const textEvent = (id: string, text: string, redelivery = false) => ({
  type: 'message',
  mode: 'active',
  timestamp: 1_764_558_000_000,
  webhookEventId: id,
  deliveryContext: { isRedelivery: redelivery },
  source: { type: 'user', userId: USER },
  replyToken: 'b60d432864f44d079f6d8efe86cf404b',
  message: { id: `msg-${id}`, type: 'text', quoteToken: 'q', text },
});

const deliver = (body: string, signature?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/webhooks/line',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) },
    payload: body,
  });

const count = async (table: 'social_message' | 'social_conversation' | 'intake_contact') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('LINE', () => {
  it('turns a signed message into a conversation awaiting triage, stored protected', async () => {
    const { body, signature } = webhook([textEvent('01JD0000000000000000000001', 'ช่วยด้วย มีเด็กถูกทำร้ายข้างบ้าน')]);
    const response = await deliver(body, signature);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ taken: 1, skipped: 0 });
    const list = await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } });
    const [conversation] = list.json().items;
    expect(conversation).toMatchObject({ provider: 'line', outcome: 'pending' });
    expect(conversation.messages).toEqual([
      expect.objectContaining({ direction: 'in', kind: 'text', text: 'ช่วยด้วย มีเด็กถูกทำร้ายข้างบ้าน' }),
    ]);
    const rows = await Promise.all([
      t.database.db.selectFrom('social_conversation').selectAll().execute(),
      t.database.db.selectFrom('social_message').selectAll().execute(),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${USER}|ทำร้าย`));
  });

  it('takes a redelivered event once, and joins the same person’s next message to the conversation', async () => {
    const again = webhook([textEvent('01JD0000000000000000000001', 'ช่วยด้วย มีเด็กถูกทำร้ายข้างบ้าน', true)]);
    expect((await deliver(again.body, again.signature)).json()).toEqual({ taken: 0, skipped: 1 });
    const next = webhook([
      textEvent('01JD0000000000000000000002', 'บ้านเลขที่ 99 ซอย 3'),
      { type: 'follow', webhookEventId: '01JD0000000000000000000003', source: { type: 'user', userId: USER } },
    ]);
    expect((await deliver(next.body, next.signature)).json()).toEqual({ taken: 1, skipped: 1 });
    expect(await count('social_conversation')).toBe(1);
    expect(await count('social_message')).toBe(2);
  });

  it('refuses a body whose signature does not match — and writes nothing', async () => {
    const before = await Promise.all([count('social_message'), count('intake_contact')]);
    const forged = webhook([textEvent('01JD0000000000000000000009', 'ปลอม')], 'not-the-secret');
    const response = await deliver(forged.body, forged.signature);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_SIGNATURE');
    const honest = webhook([textEvent('01JD0000000000000000000010', 'แก้ไข')]);
    expect((await deliver(`${honest.body} `, honest.signature)).statusCode).toBe(401); // one byte changed
    expect((await deliver(honest.body)).statusCode).toBe(401);
    expect(await Promise.all([count('social_message'), count('intake_contact')])).toEqual(before);
  });

  it('sends a staff reply through LINE’s push API, and keeps a reply LINE did not take', async () => {
    const [conversation] = (
      await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } })
    ).json().items;
    const reply = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/social/conversations/${conversation.id}/replies`,
        headers: { cookie: calltaker },
        payload: { text },
      });
    const sent = await reply('ศูนย์ 1300 รับเรื่องแล้ว เจ้าหน้าที่กำลังประสานหน่วยงานในพื้นที่');
    expect(sent.statusCode).toBe(200);
    expect(pushed).toEqual([
      {
        authorization: `Bearer ${TOKEN}`,
        body: {
          to: USER,
          messages: [{ type: 'text', text: 'ศูนย์ 1300 รับเรื่องแล้ว เจ้าหน้าที่กำลังประสานหน่วยงานในพื้นที่' }],
        },
      },
    ]);
    expect(sent.json().messages.at(-1)).toMatchObject({ direction: 'out', delivery: 'sent' });

    lineIsDown = true;
    const failed = await reply('ข้อความที่สอง');
    lineIsDown = false;
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('CHANNEL_UNAVAILABLE');
    const after = (await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } })).json();
    expect(after.items[0].messages.at(-1)).toMatchObject({ text: 'ข้อความที่สอง', delivery: 'failed' });
  });

  it('is for staff who take contacts only', async () => {
    const executive = await signIn(t.app, 'executive@oscc.example');
    expect((await t.app.inject({ url: '/api/social/conversations', headers: { cookie: executive } })).statusCode).toBe(
      403,
    );
  });
});

describe('LINE not set up', () => {
  it('answers 503 to webhooks', async () => {
    const plain = await createTestApp({ demo: false });
    try {
      const { body, signature } = webhook([textEvent('x', 'y')]);
      const response = await plain.app.inject({
        method: 'POST',
        url: '/api/webhooks/line',
        headers: { 'content-type': 'application/json', 'x-line-signature': signature },
        payload: body,
      });
      expect(response.statusCode).toBe(503);
    } finally {
      await plain.close();
    }
  });
});
