import { buddhistYear } from '@oscc/contract';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  optionsLoaded,
  screenshot,
  seriousAccessibilityProblems,
  visible,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

/**
 * The LINE inbox in a browser: a signed webhook from LINE (sent as LINE would, to the real server) shows up on
 * /intake/messages, and the call-taker's reply goes out through a local server playing LINE's push API.
 */
const CALL_TAKER = 'calltaker@oscc.example';
const SECRET = 'line-channel-secret-for-e2e';
const TOKEN = 'line-channel-access-token-for-e2e';
const USER = 'U7bf4980629a1b2c3d4e5f60718293e2e';
const FIRST_LINE = 'ช่วยด้วยค่ะ แม่ถูกพ่อทำร้ายทุกคืน';
const SECOND_LINE = 'บ้านอยู่ซอย 5 หลังตลาด';
const REPLY = ['ศูนย์ 1300 รับเรื่องแล้วค่ะ', 'ตอนนี้คุณปลอดภัยไหมคะ'] as const;
const RETRY = 'ถ้าอยู่ในอันตรายตอนนี้ โทร 191 ได้ทันทีค่ะ';

interface Pushed {
  authorization: string | undefined;
  body: { to: string; messages: { type: string; text: string }[] };
}
const pushed: Pushed[] = [];
let isLineDown = false;
let line: Server | undefined;

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => resolve(data));
  });

/** The push endpoint of the LINE Messaging API, with LINE's answers (or its 500 while "down"). */
async function playLine(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await read(request);
  if (request.method === 'POST' && request.url === '/v2/bot/message/push') {
    if (isLineDown) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal server error"}');
      return;
    }
    pushed.push({ authorization: request.headers.authorization, body: JSON.parse(body) as Pushed['body'] });
    response.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'req-e2e' }).end('{}');
    return;
  }
  response.writeHead(404).end();
}

const app = useAppUnderTest({
  env: async () => {
    line = createServer((request, response) => void playLine(request, response));
    await new Promise<void>((resolve) => line?.listen(0, '127.0.0.1', resolve));
    const { port } = line.address() as AddressInfo;
    return {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_URL: `http://127.0.0.1:${port}`,
    };
  },
});

afterAll(async () => {
  await new Promise((resolve) => (line ? line.close(resolve) : resolve(undefined)));
});

/** Sends a text message event as LINE does: the raw body signed with HMAC-SHA256 under the channel secret. */
async function deliverFromLine(eventId: string, text: string, userId = USER): Promise<void> {
  const body = JSON.stringify({
    destination: 'Uoscc1300',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: eventId,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId },
        replyToken: 'b60d432864f44d079f6d8efe86cf404b',
        message: { id: `msg-${eventId}`, type: 'text', quoteToken: 'q', text },
      },
    ],
  });
  const response = await fetch(`${app.baseUrl()}/api/webhooks/line`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
    },
    body,
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ taken: 1, skipped: 0 });
}

describe('LINE messages for a call-taker', () => {
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await deliverFromLine('01JE2E0000000000000000001', `${FIRST_LINE}\n${SECOND_LINE}`);
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAs(page, CALL_TAKER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the waiting conversation, linked from the hotline console, with the message in its thread', async () => {
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'รับเรื่อง' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'รับเรื่อง' }));
    await page.getByRole('main').getByRole('link', { name: 'ข้อความจาก LINE / Facebook' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ข้อความจาก LINE / Facebook' }));

    const conversation = page.getByRole('button', { name: FIRST_LINE });
    await visible(conversation);
    expect(await conversation.getAttribute('aria-pressed')).toBe('true');
    expect(await conversation.innerText()).toContain('LINE');
    // Only the first line in the list; the time in the Buddhist era.
    expect(await conversation.innerText()).not.toContain(SECOND_LINE);
    expect(await conversation.locator('time').innerText()).toMatch(/25\d\d/);

    const thread = page.getByRole('log', { name: 'ข้อความในบทสนทนา' });
    expect(await thread.getAttribute('aria-live')).toBe('polite');
    await visible(thread.getByText(SECOND_LINE, { exact: false }));
  });

  it('keeps a reply LINE did not take, says so in red, and sends it when tried again', async () => {
    const box = page.getByLabel('ตอบกลับทาง LINE');
    const thread = page.getByRole('log', { name: 'ข้อความในบทสนทนา' });

    isLineDown = true;
    await box.fill(RETRY);
    await box.press('Enter');
    await visible(page.getByRole('alert').getByText('ส่งไม่สำเร็จ ข้อความถูกเก็บไว้ ลองส่งใหม่อีกครั้ง'));
    expect(await box.inputValue()).toBe(RETRY);
    const failed = thread.getByRole('listitem').filter({ hasText: RETRY });
    await visible(failed.getByText('ส่งไม่สำเร็จ', { exact: true }));
    const red = await failed
      .getByText('ส่งไม่สำเร็จ', { exact: true })
      .evaluate((element) => getComputedStyle(element).color);
    expect(red).toBe('rgb(138, 28, 20)');
    expect(pushed).toEqual([]);

    isLineDown = false;
    await box.press('Enter');
    await visible(thread.getByRole('listitem').filter({ hasText: RETRY }).getByText('ส่งแล้ว', { exact: true }));
    expect(await box.inputValue()).toBe('');
    expect(pushed.map((push) => push.body.messages[0]?.text)).toEqual([RETRY]);
  });

  it('sends a reply typed over two lines with Enter, through LINE’s push API to the person who wrote', async () => {
    const box = page.getByLabel('ตอบกลับทาง LINE');
    await box.click();
    await page.keyboard.type(REPLY[0]);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(REPLY[1]);
    expect(await box.inputValue()).toBe(REPLY.join('\n'));
    await page.keyboard.press('Enter');

    const thread = page.getByRole('log', { name: 'ข้อความในบทสนทนา' });
    const sent = thread.getByRole('listitem').filter({ hasText: REPLY[1] });
    await visible(sent.getByText('ส่งแล้ว', { exact: true }));
    expect(await box.inputValue()).toBe('');
    expect(pushed.at(-1)).toEqual({
      authorization: `Bearer ${TOKEN}`,
      body: { to: USER, messages: [{ type: 'text', text: REPLY.join('\n') }] },
    });
    // Oldest first: the person's message, the failed try, the retry, this reply.
    const texts = await thread.getByRole('listitem').allInnerTexts();
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain(FIRST_LINE);
    expect(texts[3]).toContain(REPLY[1]);

    await screenshot(page, 'messages-01-thread');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('is a menu item for people who take contacts', async () => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'เมนูหลัก' })
      .getByRole('link', { name: 'ข้อความ LINE / Facebook' })
      .click();
    await visible(page.getByRole('heading', { level: 1, name: 'ข้อความจาก LINE / Facebook' }));
  });
});

describe('LINE messages on a phone', () => {
  it('puts the list above the thread, without sideways scrolling', async () => {
    const context = await app.newContext({ width: 375, height: 812, mobile: true });
    try {
      const page = await context.newPage();
      await signInAs(page, CALL_TAKER);
      await page.goto('/intake/messages');
      // Its last message is now the reply; the list holds this one conversation.
      const conversation = page.getByRole('list', { name: 'บทสนทนาที่รอคัดกรอง' }).getByRole('button');
      await visible(conversation);
      const thread = page.getByRole('log', { name: 'ข้อความในบทสนทนา' });
      await visible(thread);
      const [list, log] = await Promise.all([conversation.boundingBox(), thread.boundingBox()]);
      expect(list && log && list.y + list.height <= log.y).toBe(true);
      expect(await hasNoHorizontalOverflow(page)).toBe(true);
      await screenshot(page, 'messages-02-phone');
    } finally {
      await context.close();
    }
  });
});

describe('a LINE conversation triaged into a case', () => {
  const SISTER = 'U0c0ffee0c0ffee0c0ffee0c0ffee0e2e';
  const WROTE = ['น้องสาวถูกแฟนทำร้ายร่างกาย ตอนนี้หนีมาอยู่บ้านเพื่อน', 'อยู่ในเมืองราชบุรีค่ะ'] as const;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await deliverFromLine('01JE2E0000000000000000002', WROTE[0], SISTER);
    await deliverFromLine('01JE2E0000000000000000003', WROTE[1], SISTER);
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAs(page, CALL_TAKER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('becomes a routed case from its page: the case number shows, and it leaves the awaiting list', async () => {
    await page.goto('/intake/messages');
    const conversation = page.getByRole('button', { name: WROTE[1] });
    await (await visible(conversation)).click();
    expect(await conversation.getAttribute('aria-pressed')).toBe('true');

    const triage = page.getByRole('form', { name: 'คัดกรองบทสนทนา' });
    await triage.getByRole('radio', { name: 'รับเป็นเรื่อง' }).check();
    await visible(triage.getByRole('heading', { name: 'รายละเอียดเรื่อง' }));
    // The narrative starts from what the person wrote, oldest first.
    expect(await triage.getByLabel('รายละเอียดเหตุการณ์').inputValue()).toBe(WROTE.join('\n'));
    await triage.getByLabel('สรุปการสนทนาโดยย่อ').fill('ผู้แจ้งขอให้ช่วยน้องสาว ปลอดภัยชั่วคราวที่บ้านเพื่อน');
    await triage.getByRole('group', { name: 'ประเภทปัญหา' }).getByLabel('ความรุนแรงต่อเด็ก สตรี ผู้สูงอายุ และคนพิการ').check();
    const place = triage.getByRole('group', { name: 'สถานที่เกิดเหตุ' });
    await place.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, place.getByLabel('อำเภอ/เขต'));
    await place.getByLabel('อำเภอ/เขต').selectOption({ label: 'เมืองราชบุรี' });
    await triage.getByLabel('ความเกี่ยวข้องกับผู้ประสบปัญหา').selectOption({ label: 'ญาติหรือครอบครัว' });
    await screenshot(page, 'messages-03-triage-form');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const sent = page.waitForRequest((request) => /\/api\/social\/conversations\/[^/]+\/triage$/.test(request.url()));
    await triage.getByRole('button', { name: 'บันทึกเรื่องและส่งต่อ' }).click();
    const triageUrl = (await sent).url();
    const done = page.getByRole('status').filter({ hasText: 'รับเป็นเรื่องจาก LINE แล้ว' });
    await visible(done);
    const caseNumber = (await done.getByTestId('case-number').innerText()).trim();
    expect(caseNumber).toMatch(new RegExp(`^${buddhistYear(new Date())}-\\d{6}$`));
    expect(await done.locator('.intake-routing').innerText()).toMatch(/^(ส่งต่อไปยัง \S+|ส่งเข้าคิวคัดกรองส่วนกลาง)/);
    const open = done.getByRole('link', { name: `เปิดเรื่อง ${caseNumber}` });
    expect(await open.getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    // Out of the awaiting list; the other person's conversation is still there, and now the one shown.
    expect(await page.getByRole('button', { name: WROTE[1] }).count()).toBe(0);
    expect(await page.getByRole('log').count()).toBe(1);
    expect(await page.getByRole('log').innerText()).not.toContain(WROTE[0]);
    await visible(page.getByRole('list', { name: 'บทสนทนาที่รอคัดกรอง' }).getByRole('button', { name: REPLY[0] }));
    await screenshot(page, 'messages-04-triaged');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // A conversation is triaged once: a second try (a colleague a moment late) is refused.
    const again = await page.evaluate(async (url) => {
      const token = /(?:^|; )oscc_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ outcome: 'advice' }),
      });
      return { status: response.status, code: ((await response.json()) as { error?: { code?: string } }).error?.code };
    }, triageUrl);
    expect(again).toEqual({ status: 409, code: 'CONFLICT' });
    expect(pageErrors).toEqual([]);
  });
});
