import type { AlarmLadder } from '@oscc/contract';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  screenshot,
  SCREENSHOTS,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  csrfHeaders,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';
import { signInAndSetUpTwoStep } from './support/two-step.ts';

const ADMIN = 'admin@oscc.example';
const CALL_TAKER = 'calltaker@oscc.example';
const COORDINATOR = 'coordinator@oscc.example'; // province coordinator, Ratchaburi
const STATION = 'สถานีตำรวจภูธรเมืองราชบุรี';
/** With this share a referral's 24-hour time frame warns after about nine seconds. */
const WARNING_SHARE = 0.0001;
/** The warning (~9 s), the alarm loop's next check (1 s) and the live feed, with room for a busy machine. */
const ALARM_WAIT_MS = 30_000;

const app = useAppUnderTest({ smtp: true });

/** A human-trafficking report in Ratchaburi, recorded at the hotline through the API as the call-taker. */
async function recordCase(page: Page): Promise<{ id: string; caseNumber: string }> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: {
      callerPhone: '081 555 1300',
      outcome: 'case',
      case: {
        problemTypes: ['human_trafficking'],
        crisis: false,
        severity: 3,
        location: { areaCode: '700101', address: 'โรงงานแปรรูปอาหารทะเล ถนนเพชรเกษม' },
        narrative: 'แรงงานข้ามชาติถูกยึดหนังสือเดินทางและถูกบังคับทำงานเกินเวลา',
        reporter: { anonymous: true, relation: 'other' },
        people: [{ role: 'victim', idType: 'none', estimatedAge: 24, sex: 'male' }],
      },
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { case: { id: string; caseNumber: string } }).case;
}

/** Sends the case to the Mueang Ratchaburi police station as its lead unit, as the referral form does. */
async function referToStation(page: Page, caseId: string): Promise<void> {
  const found = await page.request.get(`/api/units?q=${encodeURIComponent(STATION)}&limit=10`);
  expect(found.status()).toBe(200);
  const { items } = (await found.json()) as { items: { id: string; nameTh: string }[] };
  const station = items.find((unit) => unit.nameTh === STATION);
  if (!station) throw new Error(`unit ${STATION} not found`);
  const sent = await page.request.post(`/api/cases/${caseId}/referrals`, {
    headers: await csrfHeaders(page),
    data: { unitId: station.id, kind: 'lead' },
  });
  expect(sent.status()).toBe(201);
}

const bell = (page: Page) => page.getByTestId('alarm-bell');
const region = (page: Page, name: RegExp | string) => page.getByRole('region', { name });

describe('an alarm reaches the province coordinator live, is acknowledged, and its e-mail arrives', () => {
  let admin: BrowserContext;
  let coordinator: BrowserContext;
  let callTaker: BrowserContext;
  let adminPage: Page;
  let page: Page;
  let kase: { id: string; caseNumber: string };
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    [admin, coordinator, callTaker] = await Promise.all([
      app.newContext({ width: 1280, height: 900 }),
      app.newContext({ width: 1280, height: 900 }),
      app.newContext({ width: 1280, height: 900 }),
    ]);
    adminPage = await admin.newPage();
    page = await coordinator.newPage();
    page.on('console', (message) => {
      // Expected: the sign-in page asking for a session (401), and the LINE link refused on a server without LINE (503).
      if (/status of (401|503)\b/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));

    // The national administrator makes warnings come almost at once, and tells the province at the warning.
    await signInAndSetUpTwoStep(adminPage, ADMIN, DEMO_PASSWORD);
    const current = (await (await adminPage.request.get('/api/alarm-ladder')).json()) as AlarmLadder;
    const [warning, ...rest] = current.ladders.overdue;
    if (!warning) throw new Error('the overdue ladder has no warning level');
    const saved = await adminPage.request.put('/api/alarm-ladder', {
      headers: await csrfHeaders(adminPage),
      data: {
        warningShare: WARNING_SHARE,
        ladders: {
          no_service: current.ladders.no_service,
          overdue: [{ ...warning, audiences: ['assignee', 'province'] }, ...rest],
        },
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);
  });

  afterAll(async () => {
    await Promise.all([admin?.close(), coordinator?.close(), callTaker?.close()]);
  });

  it('shows the coordinator a new alarm on the bell without reloading the page', async () => {
    await signInAs(page, COORDINATOR);
    // Alarms of earlier cases (the demo's) are seen first, so the bell starts empty.
    await page.goto('/alarms');
    await visible(page.getByRole('heading', { level: 1, name: 'การแจ้งเตือน' }));
    await visible(page.getByRole('link', { name: 'การแจ้งเตือน ไม่มีรายการใหม่', exact: true }));
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'หน้าแรก' }).click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    const desk = await callTaker.newPage();
    await signInAs(desk, CALL_TAKER);
    kase = await recordCase(desk);
    await referToStation(desk, kase.id);
    await desk.close();

    await page
      .getByRole('link', { name: /^การแจ้งเตือน ยังไม่ได้อ่าน \d+ รายการ$/ })
      .waitFor({ state: 'visible', timeout: ALARM_WAIT_MS });
    await visible(bell(page).locator('.alarm-bell-count'));
    // The live notice names the case once the bell has it (a later demo alarm may take its place: either is news).
    const notice = page.getByRole('status').filter({ hasText: /การแจ้งเตือนใหม่|มีการแจ้งเตือนใหม่/ });
    await visible(notice);
    expect(loads).toEqual([]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'alarms-01-bell-live');
    await page.screenshot({
      path: `${SCREENSHOTS}alarms-01a-header.png`,
      clip: { x: 0, y: 0, width: 1280, height: 220 },
    });
    expect(consoleProblems).toEqual([]);
  });

  it('lists the alarm in “my alarms”, clears the bell, and takes the coordinator’s acknowledgement', async () => {
    await bell(page).click();
    await visible(page.getByRole('heading', { level: 1, name: 'การแจ้งเตือน' }));
    const item = page.getByTestId('alarm-item').filter({ hasText: kase.caseNumber });
    await visible(item);
    await visible(item.getByText('ใกล้ครบกำหนด', { exact: true }));
    await visible(item.getByText('ระดับ 0', { exact: true }));
    await visible(item.getByText(STATION));
    await visible(item.getByText(/25\d\d/).first());
    await visible(item.getByText(/^เหลือ (23|24) ชั่วโมง/));
    await visible(item.getByText('ยังไม่มีผู้รับทราบ'));
    // Opening the list has marked it seen.
    await visible(page.getByRole('link', { name: 'การแจ้งเตือน ไม่มีรายการใหม่', exact: true }));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'alarms-02-my-alarms');

    await item.getByRole('button', { name: 'รับทราบ', exact: true }).click();
    const form = item.getByRole('form', { name: `รับทราบการแจ้งเตือนเรื่อง ${kase.caseNumber}` });
    await form.getByLabel('หมายเหตุ (ไม่บังคับ)').fill('ประสาน สภ.เมืองราชบุรี ให้ตอบรับเรื่องภายในวันนี้');
    await item.screenshot({ path: `${SCREENSHOTS}alarms-03-acknowledge-form.png` });
    await form.getByRole('button', { name: 'ยืนยันรับทราบ' }).click();
    await visible(page.getByRole('status').getByText(`รับทราบการแจ้งเตือนเรื่อง ${kase.caseNumber} แล้ว`));
    const acknowledgements = item.getByTestId('alarm-acknowledgements');
    await visible(acknowledgements.getByText(/รับทราบเมื่อ .*25\d\d/));
    await visible(acknowledgements.getByText('ประสาน สภ.เมืองราชบุรี ให้ตอบรับเรื่องภายในวันนี้'));
    await visible(item.getByText('คุณรับทราบแล้ว'));
    expect(await item.getByRole('button', { name: 'รับทราบ', exact: true }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'alarms-04-acknowledged');

    // Acknowledged, it has left the open list and stays in “all”.
    await page.reload();
    await visible(page.getByRole('heading', { level: 2, name: /^การแจ้งเตือนที่รอรับทราบ/ }));
    expect(await page.getByTestId('alarm-item').filter({ hasText: kase.caseNumber }).count()).toBe(0);
    await page.getByRole('button', { name: 'ทั้งหมด', exact: true }).click();
    await visible(page.getByTestId('alarm-item').filter({ hasText: kase.caseNumber }).getByText('คุณรับทราบแล้ว'));

    // In English.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Alarms' }));
    const english = page.getByTestId('alarm-item').filter({ hasText: kase.caseNumber });
    await visible(english.getByText('Due soon', { exact: true }));
    await visible(english.getByText('You acknowledged it'));
    await page.getByRole('button', { name: /ภาษาไทย/ }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'การแจ้งเตือน' }));
    expect(consoleProblems).toEqual([]);
  });

  it('says in its own words that LINE is not set up on this server', async () => {
    const line = region(page, 'รับการแจ้งเตือนทาง LINE');
    await line.getByRole('button', { name: 'ขอรหัสเชื่อมบัญชี LINE' }).click();
    await visible(line.getByRole('alert').getByText('ระบบนี้ยังไม่ได้ตั้งค่าช่องทางนี้ กรุณาติดต่อผู้ดูแลระบบ'));
    await line.screenshot({ path: `${SCREENSHOTS}alarms-05-line-not-configured.png` });
  });

  it('shows the alarm, with the acknowledgement, in the case’s alarm history', async () => {
    await page.getByTestId('alarm-item').filter({ hasText: kase.caseNumber }).getByRole('link').click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    const history = region(page, 'การแจ้งเตือนและกำหนดเวลา');
    const deadline = history
      .getByTestId('case-deadline')
      .filter({ hasText: STATION })
      .filter({
        has: page.getByTestId('case-alarm'),
      });
    await visible(deadline.getByText('กำลังนับเวลา'));
    const alarm = deadline.getByTestId('case-alarm').filter({ hasText: 'ใกล้ครบกำหนด' });
    await visible(alarm.getByText('ระดับ 0', { exact: true }));
    await visible(alarm.getByText(/รับทราบเมื่อ/));
    await visible(alarm.getByText('ประสาน สภ.เมืองราชบุรี ให้ตอบรับเรื่องภายในวันนี้'));
    await visible(alarm.getByText(/ในระบบ ส่งแล้ว/));
    await visible(alarm.getByText(/อีเมล (ส่งแล้ว|รอส่ง)/));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await history.scrollIntoViewIfNeeded();
    await history.screenshot({ path: `${SCREENSHOTS}alarms-06-case-history.png` });
    expect(consoleProblems).toEqual([]);
  });

  it('e-mails the alarm to the coordinator, with the case number in the subject', async () => {
    const mail = await app.waitForMail(
      (message) => message.to.includes(COORDINATOR) && message.subject.includes(kase.caseNumber),
      ALARM_WAIT_MS,
    );
    expect(mail.subject).toContain('ใกล้ครบกำหนด');
    expect(mail.text).toContain(`/cases/${kase.id}`);
  });

  it('shows the ladder to everyone and lets the national administrator check a change before saving it', async () => {
    await page.goto('/procedures');
    await page.getByRole('link', { name: 'ลำดับการแจ้งเตือนเมื่อเรื่องใกล้ครบกำหนดหรือเกินกำหนด' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ลำดับการแจ้งเตือน' }));
    await visible(page.getByRole('heading', { name: 'เตือนล่วงหน้าเมื่อผ่านไป 0.01% ของกรอบเวลา' }));
    const overdue = page.getByTestId('alarm-ladder-overdue');
    await visible(overdue.getByRole('row', { name: /ระดับ 0 — คำเตือน.*ผู้ประสานงานระดับจังหวัด/ }));
    expect(await page.getByRole('button', { name: 'แก้ไขลำดับการแจ้งเตือน' }).count()).toBe(0);

    await adminPage.goto('/alarm-deliveries');
    await visible(adminPage.getByRole('heading', { level: 1, name: 'การส่งแจ้งเตือน' }));
    await visible(adminPage.getByRole('button', { name: /^ส่งไม่สำเร็จ \(\d+\)$/ }));
    expect(await seriousAccessibilityProblems(adminPage)).toEqual([]);
    await screenshot(adminPage, 'alarms-07-deliveries');
    await adminPage.getByRole('link', { name: 'ดูและแก้ไขลำดับการแจ้งเตือน' }).click();
    await visible(adminPage.getByRole('heading', { level: 1, name: 'ลำดับการแจ้งเตือน' }));
    expect(await seriousAccessibilityProblems(adminPage)).toEqual([]);
    await screenshot(adminPage, 'alarms-08-ladder');

    await adminPage.getByRole('button', { name: 'แก้ไขลำดับการแจ้งเตือน' }).click();
    const editor = adminPage.getByRole('form', { name: 'แก้ไขลำดับการแจ้งเตือน' });
    expect(await editor.getByLabel('เตือนล่วงหน้าเมื่อผ่านไป (% ของกรอบเวลา)').inputValue()).toBe('0.01');
    const breach = editor.getByTestId('alarm-level-overdue-1');
    await breach.getByRole('checkbox', { name: 'ในระบบ' }).uncheck();
    await editor.getByRole('button', { name: 'บันทึกลำดับการแจ้งเตือน' }).click();
    await visible(breach.getByText('ทุกระดับต้องแจ้งในระบบ'));
    await breach.screenshot({ path: `${SCREENSHOTS}alarms-09a-ladder-level-problem.png` });
    await visible(editor.getByRole('alert').getByText('กรุณาแก้ไขข้อมูลที่ทำเครื่องหมายไว้ก่อนบันทึก'));
    expect(await seriousAccessibilityProblems(adminPage)).toEqual([]);
    await screenshot(adminPage, 'alarms-09-ladder-editor-problem');
    await editor.getByRole('button', { name: 'ยกเลิก', exact: true }).click();
    await visible(adminPage.getByTestId('alarm-ladder-overdue'));
  });

  it('fits a phone screen: the alarms and the case’s alarm history', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    try {
      // The coordinator's own session, on their phone.
      await phone.addCookies(await coordinator.cookies());
      const small = await phone.newPage();
      await small.goto('/');
      await visible(bell(small));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await small.goto('/alarms?list=all');
      await visible(small.getByTestId('alarm-item').filter({ hasText: kase.caseNumber }));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'alarms-10-phone-alarms');
      await small.goto(`/cases/${kase.id}`);
      const history = region(small, 'การแจ้งเตือนและกำหนดเวลา');
      await visible(history.getByTestId('case-alarm'));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await history.scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}alarms-11-phone-case-history.png` });
      await small.goto('/alarm-ladder');
      await visible(small.getByTestId('alarm-ladder-overdue'));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'alarms-12-phone-ladder');
    } finally {
      await phone.close();
    }
  });
});
