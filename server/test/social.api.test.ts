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
const FB_SECRET = 'facebook-app-secret-for-tests';
const FB_TOKEN = 'EAAGfacebookpagetokenfortests';
const FB_VERIFY = 'oscc-verify-token-1300';
const PSID = '6843215790123456';

interface Pushed {
  authorization: string | undefined;
  body: { to: string; messages: { type: string; text: string }[] };
}
const pushed: Pushed[] = [];
const graphSent: {
  url: string;
  body: { recipient: { id: string }; messaging_type: string; message: { text: string } };
}[] = [];
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
  if (request.method === 'POST' && request.url?.startsWith('/v21.0/me/messages')) {
    graphSent.push({ url: request.url, body: JSON.parse(body) });
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        recipient_id: PSID,
        message_id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
      }),
    );
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
      FACEBOOK_APP_SECRET: FB_SECRET,
      FACEBOOK_PAGE_ACCESS_TOKEN: FB_TOKEN,
      FACEBOOK_VERIFY_TOKEN: FB_VERIFY,
      FACEBOOK_GRAPH_URL: `http://127.0.0.1:${port}`,
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

describe('Facebook Messenger', () => {
  const page = (messaging: object[]) => {
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: '1300000000000', time: 1_764_558_000_000, messaging }],
    });
    return { body, signature: `sha256=${createHmac('sha256', FB_SECRET).update(body).digest('hex')}` };
  };
  const message = (mid: string, text: string) => ({
    sender: { id: PSID },
    recipient: { id: '1300000000000' },
    timestamp: 1_764_558_000_000,
    message: { mid, text },
  });
  const deliverFb = (body: string, signature?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/webhooks/facebook',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
      payload: body,
    });

  it('answers the subscription handshake only for our verify token', async () => {
    const ok = await t.app.inject({
      url: `/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${FB_VERIFY}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({
      url: '/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('takes signed messages once, skips echoes, and refuses a wrong signature', async () => {
    const before = await count('social_conversation');
    const first = page([
      message('m_fb_1', 'สวัสดีค่ะ ถูกบังคับให้ทำงานไม่ได้รับค่าจ้าง'),
      {
        sender: { id: '1300000000000' },
        recipient: { id: PSID },
        message: { mid: 'm_echo', text: 'x', is_echo: true },
      },
    ]);
    expect((await deliverFb(first.body, first.signature)).json()).toEqual({ taken: 1, skipped: 1 });
    expect((await deliverFb(first.body, first.signature)).json()).toEqual({ taken: 0, skipped: 2 });
    expect(await count('social_conversation')).toBe(before + 1);
    const forged = page([message('m_fb_2', 'ปลอม')]);
    const refused = await deliverFb(forged.body, `sha256=${'0'.repeat(64)}`);
    expect(refused.statusCode).toBe(401);
    expect((await deliverFb(forged.body)).statusCode).toBe(401);
  });

  it('replies through the Send API to the person who wrote', async () => {
    const conversations = (
      await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } })
    ).json().items;
    const fb = conversations.find((c: { provider: string }) => c.provider === 'facebook');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/social/conversations/${fb.id}/replies`,
      headers: { cookie: calltaker },
      payload: { text: 'เจ้าหน้าที่ 1300 จะติดต่อกลับค่ะ' },
    });
    expect(sent.statusCode).toBe(200);
    expect(graphSent).toEqual([
      {
        url: `/v21.0/me/messages?access_token=${FB_TOKEN}`,
        body: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'เจ้าหน้าที่ 1300 จะติดต่อกลับค่ะ' } },
      },
    ]);
  });

  it('becomes a routed case on the Facebook channel when staff triage it', async () => {
    const conversations = (
      await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } })
    ).json().items;
    const fb = conversations.find((c: { provider: string }) => c.provider === 'facebook');
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/social/conversations/${fb.id}/triage`,
      headers: { cookie: calltaker },
      payload: {
        outcome: 'case',
        case: {
          problemTypes: ['human_trafficking'],
          crisis: true,
          location: { areaCode: '70' },
          narrative: 'ถูกบังคับให้ทำงานไม่ได้รับค่าจ้าง ติดต่อผ่าน Messenger',
        },
      },
    });
    expect(decided.statusCode).toBe(201);
    const kase = await t.database.db
      .selectFrom('case_file')
      .select(['channel', 'responsible_unit_id', 'status'])
      .where('id', '=', decided.json().case.id)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ channel: 'facebook', status: 'new', responsible_unit_id: expect.any(String) });
  });
});

describe('triage of a conversation', () => {
  const OTHER = 'U9bb4980629a1b2c3d4e5f60718293a99';
  const from = (user: string, id: string, text: string) => ({
    ...textEvent(id, text),
    source: { type: 'user', userId: user },
  });

  async function conversationOf(user: string) {
    const list = await t.app.inject({ url: '/api/social/conversations?status=all', headers: { cookie: calltaker } });
    const items = list.json().items as { id: string; contactId: string; messages: { text: string }[] }[];
    return items.find((c) => c.messages.some((m) => m.text.includes(user.slice(-6))))!;
  }

  it('turns a LINE conversation into a routed case on the LINE channel, once', async () => {
    const { body, signature } = webhook([
      from(OTHER, 'triage-1', `ลูกสาวอายุ 15 ตั้งครรภ์ ไม่กล้าบอกใคร อยู่บึงกาฬ (${OTHER.slice(-6)})`),
    ]);
    expect((await deliver(body, signature)).statusCode).toBe(200);
    const conversation = await conversationOf(OTHER);
    const decide = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/social/conversations/${conversation.id}/triage`,
        headers: { cookie: calltaker },
        payload,
      });
    // Bad input first: a case outcome without the case, and an unknown place — nothing changes.
    expect((await decide({ outcome: 'case' })).json().error.fields[0].code).toBe('case_required');
    const unknownPlace = await decide({
      outcome: 'case',
      case: { problemTypes: ['teen_pregnancy'], location: { areaCode: '999999' }, narrative: 'x' },
    });
    expect(unknownPlace.json().error.fields[0].code).toBe('unknown_area');
    expect(
      (
        await t.database.db
          .selectFrom('intake_contact')
          .select('outcome')
          .where('id', '=', conversation.contactId)
          .executeTakeFirstOrThrow()
      ).outcome,
    ).toBe('pending');

    const decided = await decide({
      outcome: 'case',
      summary: 'ส่งต่อหน่วยสาธารณสุข',
      case: {
        problemTypes: ['teen_pregnancy'],
        crisis: true,
        location: { areaCode: '38' },
        narrative: 'ลูกสาวอายุ 15 ปี ตั้งครรภ์ ขอคำปรึกษาทาง LINE',
        reporter: { anonymous: false, relation: 'family' },
      },
    });
    expect(decided.statusCode).toBe(201);
    const result = decided.json();
    expect(result).toMatchObject({ contactId: conversation.contactId, outcome: 'case' });
    expect(result.case.routing.kind).toBe('area');
    const kase = await t.database.db
      .selectFrom('case_file')
      .select(['channel', 'responsible_unit_id'])
      .where('id', '=', result.case.id)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ channel: 'line', responsible_unit_id: result.case.routing.unitId });
    const contact = await t.database.db
      .selectFrom('intake_contact')
      .select(['outcome', 'case_id'])
      .where('id', '=', conversation.contactId)
      .executeTakeFirstOrThrow();
    expect(contact).toEqual({ outcome: 'case', case_id: result.case.id });
    // It leaves the list of conversations awaiting triage, and a second decision is a conflict.
    const pending = await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } });
    expect(pending.json().items.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
    const again = await decide({ outcome: 'prank' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');

    // Weeks later the same person writes again: a new contact awaiting triage, the earlier messages kept for context.
    const next = webhook([from(OTHER, 'triage-1b', 'คลอดแล้วค่ะ ตอนนี้ต้องการที่พักชั่วคราว')]);
    await deliver(next.body, next.signature);
    const waiting = (await t.app.inject({ url: '/api/social/conversations', headers: { cookie: calltaker } })).json();
    const reopened = waiting.items.find((c: { id: string }) => c.id === conversation.id);
    expect(reopened.outcome).toBe('pending');
    expect(reopened.contactId).not.toBe(conversation.contactId);
    expect(reopened.messages).toHaveLength(2);
    const earlier = await t.database.db
      .selectFrom('intake_contact')
      .select(['outcome', 'case_id'])
      .where('id', '=', conversation.contactId)
      .executeTakeFirstOrThrow();
    expect(earlier).toEqual({ outcome: 'case', case_id: result.case.id });

    // The case knows its conversation: staff open it from the case and reply to the person through LINE.
    const detail = (await t.app.inject({ url: `/api/cases/${result.case.id}`, headers: { cookie: calltaker } })).json();
    expect(detail.conversations).toEqual([{ id: conversation.id, provider: 'line' }]);
    const thread = await t.app.inject({
      url: `/api/social/conversations/${conversation.id}`,
      headers: { cookie: calltaker },
    });
    expect(thread.json().messages).toHaveLength(2);
    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/social/conversations/${conversation.id}/replies`,
      headers: { cookie: calltaker },
      payload: { text: 'เจ้าหน้าที่จะติดต่อกลับภายในวันนี้ค่ะ' },
    });
    expect(replied.statusCode).toBe(200);
    expect(pushed.at(-1)!.body).toMatchObject({
      to: OTHER,
      messages: [{ type: 'text', text: 'เจ้าหน้าที่จะติดต่อกลับภายในวันนี้ค่ะ' }],
    });
  });

  it('records a conversation that is no case, and keeps it counted as a contact', async () => {
    const PRANK = 'U1cc4980629a1b2c3d4e5f60718293a77';
    const { body, signature } = webhook([from(PRANK, 'triage-2', `555 ล้อเล่น (${PRANK.slice(-6)})`)]);
    await deliver(body, signature);
    const conversation = await conversationOf(PRANK);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/social/conversations/${conversation.id}/triage`,
      headers: { cookie: calltaker },
      payload: { outcome: 'prank' },
    });
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toEqual({ contactId: conversation.contactId, outcome: 'prank', case: null });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/social/conversations/00000000-0000-4000-8000-000000000000/triage',
      headers: { cookie: calltaker },
      payload: { outcome: 'prank' },
    });
    expect(unknown.statusCode).toBe(404);
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
