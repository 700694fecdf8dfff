import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(async () => t.close());

const get = async (url: string) => {
  const response = await t.app.inject({ url });
  return { status: response.statusCode, body: response.json() };
};

describe('geography in the database', () => {
  it('holds all 77 provinces, 928 districts and 7,436 subdistricts', async () => {
    const counts = await t.database.db
      .selectNoFrom((eb) => [
        eb.selectFrom('geo_province').select(eb.fn.countAll<number>().as('n')).as('provinces'),
        eb.selectFrom('geo_district').select(eb.fn.countAll<number>().as('n')).as('districts'),
        eb.selectFrom('geo_subdistrict').select(eb.fn.countAll<number>().as('n')).as('subdistricts'),
      ])
      .executeTakeFirstOrThrow();
    expect(Object.values(counts).map(Number)).toEqual([77, 928, 7436]);
  });

  it('loads the reference once: a second start finds it unchanged', async () => {
    const { createGeographyRepository, loadGeographyReference } = await import('../src/modules/geography/index.ts');
    expect(await createGeographyRepository(t.database.db).syncReference(loadGeographyReference(), t.clock.now())).toBe(
      'unchanged',
    );
  });
});

describe('GET /api/geography', () => {
  it('lists the provinces in Thai order, with English names', async () => {
    const { status, body } = await get('/api/geography/provinces');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(77);
    expect(body.items[0]).toEqual({ code: '81', nameTh: 'กระบี่', nameEn: 'Krabi' });
    expect(body.items).toContainEqual({ code: '10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' });
  });

  it('Bueng Kan is 38 with 8 districts', async () => {
    const { body } = await get('/api/geography/provinces/38/districts');
    expect(body.items.map((d: { code: string }) => d.code)).toEqual([
      '3801',
      '3802',
      '3803',
      '3804',
      '3805',
      '3806',
      '3807',
      '3808',
    ]);
    expect(body.items[0]).toMatchObject({ nameTh: 'เมืองบึงกาฬ', provinceCode: '38' });
  });

  it('Bangkok is 10 with 50 districts (เขต), 1001 to 1050', async () => {
    const { body } = await get('/api/geography/provinces/10/districts');
    expect(body.items).toHaveLength(50);
    expect(body.items[0]).toMatchObject({ code: '1001', nameTh: 'พระนคร', nameEn: 'Phra Nakhon' });
    expect(body.items[49].code).toBe('1050');
  });

  it("lists a district's subdistricts with postcodes", async () => {
    const { body } = await get('/api/geography/districts/1001/subdistricts');
    expect(body.items).toContainEqual(
      expect.objectContaining({ code: '100101', nameTh: 'พระบรมมหาราชวัง', postcodes: ['10200'] }),
    );
  });

  it('answers 404 for a code that does not exist and 400 for one that is not a code', async () => {
    expect((await get('/api/geography/provinces/99/districts')).body.error.code).toBe('NOT_FOUND');
    const invalid = await get('/api/geography/provinces/x1/districts');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('search', () => {
  const search = async (q: string) =>
    (await get(`/api/geography/search?q=${encodeURIComponent(q)}`)).body.items as {
      level: string;
      code: string;
      labelTh: string;
    }[];

  it('finds a place typed in Thai without spaces', async () => {
    const items = await search('บ้านโป่งราชบุรี');
    expect(items[0]).toMatchObject({ level: 'district', code: '7005', labelTh: 'อำเภอบ้านโป่ง จังหวัดราชบุรี' });
    expect(items.some((item) => item.code === '700501')).toBe(true);
  });

  it('finds a subdistrict through its district and province run together', async () => {
    const items = await search('สีลมบางรักกรุงเทพ');
    expect(items[0]).toMatchObject({
      level: 'subdistrict',
      code: '100402',
      labelTh: 'แขวงสีลม เขตบางรัก กรุงเทพมหานคร 10500',
    });
  });

  it('puts the exact name first', async () => {
    expect((await search('ราชบุรี'))[0]).toMatchObject({ level: 'province', code: '70' });
    expect((await search('จ.บึงกาฬ'))[0]).toMatchObject({ level: 'province', code: '38' });
  });

  it('finds by English name', async () => {
    expect((await search('Ban Pong'))[0]).toMatchObject({ code: '7005' });
  });

  it('finds by postcode, in Thai digits too', async () => {
    const arabic = await search('38000');
    const thai = await search('๓๘๐๐๐');
    expect(arabic.map((item) => item.code)).toContain('380101');
    expect(arabic.every((item) => item.code.startsWith('38'))).toBe(true);
    expect(thai).toEqual(arabic);
  });

  it('finds by code', async () => {
    expect((await search('3801'))[0]).toMatchObject({ level: 'district', code: '3801' });
  });

  it('returns nothing rather than everything for nonsense, and refuses an empty query', async () => {
    expect(await search('xyzzyqwerty')).toEqual([]);
    expect((await get('/api/geography/search?q=')).status).toBe(400);
  });
});
