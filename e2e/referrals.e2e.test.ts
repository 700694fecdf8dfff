import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

const CALL_TAKER = 'calltaker@oscc.example';
const OFFICER = 'officer@oscc.example';
const HOSPITAL = 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี';
const HOSPITAL_CODE = 'MOPH-OSCC-70-03';

const app = useAppUnderTest();

/** A hotline case recorded through the API as the call-taker. */
async function recordCase(page: Page, narrative: string): Promise<{ id: string; caseNumber: string }> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: {
      callerPhone: '089 333 4444',
      outcome: 'case',
      case: {
        problemTypes: ['begging'],
        crisis: true,
        severity: 3,
        location: { areaCode: '700101', address: 'หน้าโรงเรียน' },
        narrative,
        reporter: { anonymous: false, relation: 'neighbour' },
        people: [{ role: 'victim', name: 'เด็กชายต้นกล้า ดีใจ', idType: 'none', estimatedAge: 11, sex: 'male' }],
      },
    },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { case: { id: string; caseNumber: string } };
  return body.case;
}

describe('referrals', () => {
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  let kase: { id: string; caseNumber: string };

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAs(page, CALL_TAKER);
    kase = await recordCase(page, 'เด็กชายถูกทำร้ายร่างกาย ต้องการการตรวจรักษาและดูแลต่อเนื่อง');
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sends the lead referral from the case page, the next step after screening', async () => {
    await page.goto(`/cases/${kase.id}`);
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    const card = page.getByRole('region', { name: 'การส่งต่อถึงหน่วยงาน' });
    await visible(card.getByText('ยังไม่ได้ส่งต่อเรื่องนี้'));
    const form = card.getByRole('form', { name: 'ส่งต่อ' });
    await visible(form.getByText('ขั้นต่อไปหลังคัดกรอง', { exact: false }));
    expect(await form.getByRole('radio', { name: /^หน่วยงานหลัก/ }).isChecked()).toBe(true);

    // Without a unit the form says so and sends nothing.
    await form.getByRole('button', { name: 'ส่งต่อ', exact: true }).click();
    await visible(form.getByText('กรุณาเลือกหน่วยงาน'));

    await form.getByLabel('ค้นหาหน่วยงาน').fill(HOSPITAL_CODE);
    const unitSelect = form.getByLabel('หน่วยงานที่จะส่งต่อ');
    await page.waitForFunction(
      (element) => [...(element as HTMLSelectElement).options].some((option) => option.text.includes('ศูนย์พึ่งได้')),
      await unitSelect.elementHandle(),
      { timeout: WAIT_MS },
    );
    await unitSelect.selectOption({ label: `${HOSPITAL} (${HOSPITAL_CODE})` });
    await form.getByLabel('หมายเหตุถึงหน่วยงาน').fill('ผู้ปกครองพาเด็กไปโรงพยาบาลได้ภายในวันนี้');
    await screenshot(page, 'referrals-01-send-form');
    await form.getByRole('button', { name: 'ส่งต่อ', exact: true }).click();

    await visible(card.getByText(`ส่งต่อถึง ${HOSPITAL} แล้ว`));
    const item = card.getByTestId('referral-item');
    await visible(item.getByText(HOSPITAL));
    await visible(item.getByText('หน่วยงานหลัก'));
    await visible(item.getByText('รอตอบรับ'));
    await visible(item.getByText(/เหลือ \d+ ชั่วโมง/));
    await visible(item.getByText('ผู้ปกครองพาเด็กไปโรงพยาบาลได้ภายในวันนี้'));
    await visible(page.locator('.case-header').getByText('ส่งต่อแล้ว', { exact: false }));
    // The lead unit is waiting: the form no longer stands open.
    expect(await card.getByRole('form', { name: 'ส่งต่อ' }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'referrals-02-case-referred');
    expect(consoleProblems).toEqual([]);
  });

  it('lists it in the unit officer’s referral inbox with its time left, and the officer accepts it', async () => {
    await context.clearCookies();
    await signInAs(page, OFFICER);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'เรื่องส่งต่อถึงหน่วยงาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'เรื่องส่งต่อถึงหน่วยงาน' }));
    const table = page.getByRole('region', { name: /^เรื่องส่งต่อที่ยังเปิดอยู่/ });
    const row = table.getByRole('row').filter({ hasText: kase.caseNumber });
    await visible(row);
    await visible(row.getByText('วิกฤต', { exact: true }));
    await visible(row.getByText('หน่วยงานหลัก'));
    await visible(row.getByText(HOSPITAL));
    await visible(row.getByText(/เหลือ (23|24) ชั่วโมง/));
    await visible(row.getByText(/25\d\d/).first());
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'referrals-03-inbox');

    // Declining needs a reason.
    await row.getByRole('button', { name: 'ปฏิเสธ' }).click();
    const decline = page.getByRole('form', { name: `ปฏิเสธเรื่อง ${kase.caseNumber}` });
    await decline.getByRole('button', { name: 'ยืนยันการปฏิเสธ' }).click();
    await visible(decline.getByText('กรุณาระบุเหตุผล'));
    await decline.getByRole('button', { name: 'ยกเลิก' }).click();

    await row.getByRole('button', { name: 'รับเรื่อง' }).click();
    await visible(page.getByText(`รับเรื่อง ${kase.caseNumber} แล้ว`));
    // Accepted, it stays open (the unit now works it) but waits for no answer.
    await visible(row.getByText('รับเรื่องแล้ว'));
    expect(await row.getByRole('button', { name: 'รับเรื่อง' }).count()).toBe(0);
    await page.getByRole('button', { name: 'ทั้งหมด', exact: true }).click();
    const all = page.getByRole('region', { name: 'เรื่องส่งต่อทั้งหมด' });
    await visible(all.getByRole('row').filter({ hasText: kase.caseNumber }).getByText('รับเรื่องแล้ว'));

    await all.getByRole('link', { name: kase.caseNumber }).click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    await visible(page.locator('.case-header').getByText('อยู่ระหว่างดำเนินการ'));
    const card = page.getByRole('region', { name: 'การส่งต่อถึงหน่วยงาน' });
    await visible(card.getByTestId('referral-item').getByText('รับเรื่องแล้ว'));
    await screenshot(page, 'referrals-04-case-accepted');
  });

  it('fits a phone screen, the inbox and the case', async () => {
    const phone = await app.newContext({ width: 375, height: 812, mobile: true });
    try {
      const small = await phone.newPage();
      await signInAs(small, CALL_TAKER);
      const other = await recordCase(small, 'เด็กชายถูกทำร้ายอีกครั้ง ต้องส่งต่อด่วน');
      const sent = await small.request.post(`/api/cases/${other.id}/referrals`, {
        headers: await csrfHeaders(small),
        data: { unitId: await unitId(small), kind: 'lead' },
      });
      expect(sent.status()).toBe(201);
      await small.goto(`/cases/${kase.id}`);
      await visible(small.getByRole('region', { name: 'การส่งต่อถึงหน่วยงาน' }));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'referrals-05-phone-case');
      await small.getByRole('region', { name: 'การส่งต่อถึงหน่วยงาน' }).scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}referrals-05a-phone-referral-card.png` });

      await phone.clearCookies();
      await signInAs(small, OFFICER);
      await small.goto('/referrals');
      await visible(small.getByRole('row').filter({ hasText: other.caseNumber }).getByText(/เหลือ/));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'referrals-06-phone-inbox');
    } finally {
      await phone.close();
    }
  });
});

/** The hospital crisis centre's id, looked up the way the unit picker does. */
async function unitId(page: Page): Promise<string> {
  const response = await page.request.get(`/api/units?q=${HOSPITAL_CODE}&limit=5`);
  const body = (await response.json()) as { items: { id: string; code: string }[] };
  const unit = body.items.find((item) => item.code === HOSPITAL_CODE);
  if (!unit) throw new Error(`unit ${HOSPITAL_CODE} not found`);
  return unit.id;
}
