import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCell } from './cells.ts';
import { breakLines, registerSarabun, renderPdf } from './pdf.ts';
import {
  buildNarrowUnitReport,
  buildSampleReport,
  LONG_UNIT_NAME,
  SAMPLE_PROBLEMS,
  SAMPLE_PROVINCES,
} from './sample-report.ts';

type TextItem = { text: string; x: number; y: number };
type Page = { items: TextItem[]; text: string };

/**
 * Text compared the way it reads: no zero-width spaces, and in NFKC form —
 * the PDF gives ำ back as ํา (NIKHAHIT + SARA AA, what Sarabun draws), which
 * is ำ's compatibility decomposition.
 */
function readable(text: string): string {
  return text.replace(/\u200b/g, '').normalize('NFKC');
}

async function readPdf(bytes: Buffer): Promise<Page[]> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true });
  const pdf = await task.promise;
  const pages: Page[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '') {
        items.push({ text: readable(item.str), x: Number(item.transform[4]), y: Number(item.transform[5]) });
      }
    }
    pages.push({ items, text: items.map((item) => item.text).join('') });
  }
  await task.destroy();
  return pages;
}

describe('PDF report', () => {
  const doc = buildSampleReport();

  it('is a PDF with the Sarabun font embedded', async () => {
    const bytes = await renderPdf(doc, 'th');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Bold/);
  });

  it('holds the title, the heading, the Thai problem names and every figure as formatted', async () => {
    const pages = await readPdf(await renderPdf(doc, 'th'));
    const all = pages.map((page) => page.text).join('');
    expect(pages[0]?.text).toContain(readable(doc.title.th));
    for (const text of [
      'ช่วงเวลา',
      '1 ตุลาคม 2569 – 31 ตุลาคม 2569',
      'ขอบเขต',
      'ทั่วประเทศ',
      'จัดทำเมื่อ',
      '1 พ.ย. 2569 09:15',
    ]) {
      expect(pages[0]?.text).toContain(readable(text));
    }
    for (const problem of SAMPLE_PROBLEMS) expect(all).toContain(readable(problem.th));
    for (const word of ['ผู้ใหญ่', 'เด็กที่ถูกทำร้าย', 'น้ำ', 'สิ่งที่', 'ตั้งครรภ์ในวัยรุ่น', 'ค้ามนุษย์', 'กรุงเทพมหานคร']) {
      expect(all).toContain(readable(word));
    }
    for (const province of SAMPLE_PROVINCES) expect(all).toContain(readable(province));
    for (const section of doc.sections) {
      for (const row of section.rows) {
        // A row's cells, in order, as the screen shows them (a wrapped cell's lines come one after another;
        // the space where a line broke is not drawn).
        const cells = section.columns.map((column) => readable(formatCell(row.cells[column.key], column.kind, 'th')));
        const unspaced = (text: string) => text.replace(/ /g, '');
        const page = pages.find((candidate) => unspaced(candidate.text).includes(unspaced(cells.join(''))));
        expect(page, cells.join(' | ')).toBeDefined();
      }
    }
    expect(all).toContain('2 ชม. 5 นาที');
    expect(all).toContain('87.5%');
    expect(all).toContain('=HYPERLINK("http://x")');
    expect(all).toContain('9,560');
  });

  it('repeats the header row on every page of a long table and numbers the pages', async () => {
    const pages = await readPdf(await renderPdf(doc, 'th'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page.text).toContain(`หน้า ${index + 1} จาก ${pages.length}`);
      expect(page.text).toContain(readable('จัดทำเมื่อ 1 พ.ย. 2569 09:15'));
    });
    const provincePages = pages.filter((page) =>
      SAMPLE_PROVINCES.some((province) => page.items.some((item) => item.text === readable(`ศูนย์พึ่งได้ ${province}`))),
    );
    expect(provincePages.length).toBeGreaterThanOrEqual(3);
    for (const page of provincePages) {
      const header = page.items.find((item) => item.text === readable('ขั้นตอนเกินกำหนด'));
      expect(header).toBeDefined();
      const rows = page.items.filter((item) => item.text.startsWith(readable('ศูนย์พึ่งได้ ')));
      // The header sits above every row of the page (PDF y grows upwards).
      expect(Math.min(...rows.map((row) => row.y))).toBeLessThan(header?.y ?? 0);
      expect(Math.max(...rows.map((row) => row.y))).toBeLessThan(header?.y ?? 0);
    }
    // Every province row is drawn once, none lost at a page break.
    const drawn = provincePages.flatMap((page) => page.items.filter((item) => /^ศูนย์พึ่งได้ [^โ]/.test(item.text)));
    expect(drawn).toHaveLength(SAMPLE_PROVINCES.length - 1); // one of them is the long unit name
  });

  it('wraps a long Thai unit name in a narrow cell between words', async () => {
    const pages = await readPdf(await renderPdf(buildNarrowUnitReport(), 'th'));
    const items = pages[0]?.items ?? [];
    const first = items.find((item) => readable(LONG_UNIT_NAME).startsWith(item.text) && item.text.length > 5);
    expect(first).toBeDefined();
    expect(first?.text).not.toBe(readable(LONG_UNIT_NAME));
    const next = items.find((item) => item.x === first?.x && item.y < (first?.y ?? 0));
    expect(`${first?.text ?? ''}${next?.text ?? ''}`.replace(/ /g, '')).toBe(
      readable(LONG_UNIT_NAME).replace(/ /g, ''),
    );
    // The break falls between words ("…โรงพยาบาล" / "พระนครศรีอยุธยา"), not inside one.
    const words = Array.from(new Intl.Segmenter('th', { granularity: 'word' }).segment(LONG_UNIT_NAME), (s) =>
      readable(s.segment),
    );
    let boundary = '';
    const boundaries = new Set(words.map((word) => (boundary += word).trim()));
    expect(boundaries.has(first?.text.trim() ?? '')).toBe(true);
  });

  it('writes the fixed texts in English for an English report', async () => {
    const pages = await readPdf(await renderPdf(doc, 'en'));
    expect(pages[0]?.text).toContain('Monthly report, OSCC hotline 1300');
    expect(pages[0]?.text).toContain('Period');
    expect(pages[0]?.text).toContain('1 October 2569 BE – 31 October 2569 BE');
    expect(pages[0]?.text).toContain(`Page 1 of ${pages.length}`);
    expect(pages[0]?.text).toContain('2 h 5 min');
    expect(pages[0]?.text).toContain('Child abuse');
  });
});

describe('line breaking', () => {
  const pdf = new PDFDocument({ autoFirstPage: true });
  beforeAll(async () => {
    await registerSarabun(pdf);
    pdf.fontSize(10);
  });

  it('breaks Thai between words and never leaves a vowel or tone mark alone at a line start', () => {
    const lines = breakLines(pdf, 'ศูนย์พึ่งได้ โรงพยาบาลพระนครศรีอยุธยา ปัญหาครอบครัว', 70);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(pdf.widthOfString(line)).toBeLessThanOrEqual(70);
      expect(line).not.toMatch(/^[\p{M}\s]/u);
    }
    expect(lines.join('').replace(/ /g, '')).toBe('ศูนย์พึ่งได้โรงพยาบาลพระนครศรีอยุธยาปัญหาครอบครัว');
  });

  it('splits a word wider than the line between whole characters', () => {
    const lines = breakLines(pdf, 'ตั้งครรภ์ในวัยรุ่น', 12);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).not.toMatch(/^\p{M}/u);
    expect(lines.join('')).toBe('ตั้งครรภ์ในวัยรุ่น');
  });
});
