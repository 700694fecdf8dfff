import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ReportDocument, ReportLanguage, ReportSection } from '@oscc/contract';
import PDFDocument from 'pdfkit';
import { columnLabel, formatCell, formatGeneratedAt, headingLines, LABELS, localize, pageLabel } from './cells.ts';

/**
 * A report as a PDF (pdfkit, Sarabun): A4, a section with many columns on
 * landscape pages, the heading block, tables whose header row repeats on
 * each page, and "หน้า x จาก y" with the generation time at the foot.
 *
 * pdfkit shapes Thai through fontkit (marks stacked by the font's GPOS), but
 * its line breaker knows no Thai words and Sarabun has no glyph for a
 * zero-width space. So every text is laid out here: split into words with
 * Intl.Segmenter, measured with widthOfString, broken into lines, and each
 * line drawn on its own with pdfkit's breaking turned off.
 */

type Pdf = PDFKit.PDFDocument;

const REGULAR = 'Sarabun';
const BOLD = 'Sarabun-Bold';

const require = createRequire(import.meta.url);
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

/** The Sarabun files, read once per process. */
function loadFonts(): Promise<{ regular: Buffer; bold: Buffer }> {
  fonts ??= Promise.all([
    readFile(require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf')),
    readFile(require.resolve('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf')),
  ]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      fonts = undefined; // try again next time rather than keep the failure
      throw error;
    },
  );
  return fonts;
}

const MARGIN = 36;
const FOOTER_SPACE = 24;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const COLORS = {
  text: '#1a1a1a',
  muted: '#555555',
  headerFill: '#dce6f1',
  zebra: '#f4f6f9',
  totalFill: '#e6e9ee',
  rule: '#b8c0cc',
} as const;

/** More columns than this go on a landscape page. */
const PORTRAIT_MAX_COLUMNS = 6;

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/**
 * Breaks a text into lines no wider than `width` with the current font: at
 * word boundaries (Thai ones included), within a word only when the word
 * alone is wider than the line, and then between whole characters (a
 * consonant keeps its vowels and tone marks).
 */
export function breakLines(pdf: Pdf, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
    };
    for (const { segment } of words.segment(paragraph)) {
      const candidate = line + segment;
      if (pdf.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (/^\s+$/.test(segment)) continue; // a space at the end of a line is not drawn
      if (line.trim() !== '') push();
      line = '';
      if (pdf.widthOfString(segment) <= width) {
        line = segment.trimStart();
        continue;
      }
      for (const { segment: character } of graphemes.segment(segment)) {
        if (line !== '' && pdf.widthOfString(line + character) > width) push();
        line += character;
      }
    }
    push();
  }
  return lines;
}

type Layout = { landscape: boolean; fontSize: number };

function layoutOf(section: ReportSection): Layout {
  const count = section.columns.length;
  return { landscape: count > PORTRAIT_MAX_COLUMNS, fontSize: count > 10 ? 8 : 9 };
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

function bottomLimit(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom - FOOTER_SPACE;
}

function addPage(pdf: Pdf, landscape: boolean): void {
  pdf.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: MARGIN });
}

function lineHeight(pdf: Pdf): number {
  return pdf.currentLineHeight(true);
}

/** Draws one line of text at (x, y) — its top — with pdfkit's own line breaking off. */
function drawLine(pdf: Pdf, text: string, x: number, y: number, width: number, align: 'left' | 'right'): void {
  if (text === '') return;
  const left = align === 'right' ? x + width - pdf.widthOfString(text) : x;
  pdf.text(text, left, y, { lineBreak: false });
}

/** Draws a wrapped paragraph, returning the y below it. */
function drawParagraph(pdf: Pdf, text: string, x: number, y: number, width: number): number {
  const height = lineHeight(pdf);
  let top = y;
  for (const line of breakLines(pdf, text, width)) {
    drawLine(pdf, line, x, top, width, 'left');
    top += height;
  }
  return top;
}

/** Registers Sarabun (regular and bold) with a document and makes the regular one current. */
export async function registerSarabun(pdf: Pdf): Promise<void> {
  const { regular, bold } = await loadFonts();
  pdf.registerFont(REGULAR, regular);
  pdf.registerFont(BOLD, bold);
  pdf.font(REGULAR);
}

export async function renderPdf(doc: ReportDocument, language: ReportLanguage): Promise<Buffer> {
  const generatedAt = new Date(doc.generatedAt);
  const title = localize(doc.title, language);
  const firstLandscape = doc.sections[0] ? layoutOf(doc.sections[0]).landscape : false;
  const pdf = new PDFDocument({
    size: 'A4',
    layout: firstLandscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: language === 'th' ? 'th-TH' : 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: 'OSCC 1300',
      Creator: 'OSCC',
      CreationDate: Number.isNaN(generatedAt.getTime()) ? undefined : generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  await registerSarabun(pdf);
  pdf.fillColor(COLORS.text);

  let y = drawHeading(pdf, doc, language);
  let landscape = firstLandscape;
  for (const section of doc.sections) {
    const layout = layoutOf(section);
    if (layout.landscape !== landscape) {
      addPage(pdf, layout.landscape);
      landscape = layout.landscape;
      y = pdf.page.margins.top;
    }
    y = drawSection(pdf, section, language, layout, y + 10);
  }

  drawFooters(pdf, language, formatGeneratedAt(doc.generatedAt, language), title);
  mapSaraAmForExtraction(pdf);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawHeading(pdf: Pdf, doc: ReportDocument, language: ReportLanguage): number {
  const x = pdf.page.margins.left;
  const width = contentWidth(pdf);
  pdf.font(BOLD).fontSize(16).fillColor(COLORS.text);
  let y = drawParagraph(pdf, localize(doc.title, language), x, pdf.page.margins.top, width);
  y += 4;
  const lines = headingLines(doc, language);
  pdf.font(BOLD).fontSize(10);
  const labelWidth = Math.max(...lines.map((line) => pdf.widthOfString(line.label))) + 12;
  for (const line of lines) {
    pdf.font(BOLD).fontSize(10).fillColor(COLORS.muted);
    drawLine(pdf, line.label, x, y, labelWidth, 'left');
    pdf.font(REGULAR).fillColor(COLORS.text);
    y = drawParagraph(pdf, line.value, x + labelWidth, y, width - labelWidth);
  }
  return y + 4;
}

type Cell = { lines: string[]; align: 'left' | 'right' };

function drawSection(
  pdf: Pdf,
  section: ReportSection,
  language: ReportLanguage,
  layout: Layout,
  startY: number,
): number {
  const x = pdf.page.margins.left;
  const width = contentWidth(pdf);
  const { fontSize } = layout;
  const widths = columnWidths(pdf, section, language, width, fontSize);
  const alignOf = (index: number): 'left' | 'right' => (section.columns[index]?.kind === 'text' ? 'left' : 'right');

  const layoutRow = (texts: string[], font: string): { cells: Cell[]; height: number } => {
    pdf.font(font).fontSize(fontSize);
    const cells = texts.map((text, index) => ({
      lines: breakLines(pdf, text, (widths[index] ?? 0) - 2 * CELL_PAD_X),
      align: alignOf(index),
    }));
    const height = Math.max(1, ...cells.map((cell) => cell.lines.length)) * lineHeight(pdf) + 2 * CELL_PAD_Y;
    return { cells, height };
  };

  const header = layoutRow(
    section.columns.map((column) => columnLabel(column, language, 'text')),
    BOLD,
  );
  const rows = section.rows.map((row) => ({
    total: row.total === true,
    ...layoutRow(
      section.columns.map((column) => formatCell(row.cells[column.key], column.kind, language)),
      row.total ? BOLD : REGULAR,
    ),
  }));

  const drawRow = (cells: Cell[], top: number, height: number, font: string, fill: string | null) => {
    if (fill) pdf.rect(x, top, sum(widths), height).fill(fill);
    pdf.font(font).fontSize(fontSize).fillColor(COLORS.text);
    const step = lineHeight(pdf);
    let left = x;
    cells.forEach((cell, index) => {
      const cellWidth = widths[index] ?? 0;
      cell.lines.forEach((line, n) => {
        drawLine(pdf, line, left + CELL_PAD_X, top + CELL_PAD_Y + n * step, cellWidth - 2 * CELL_PAD_X, cell.align);
      });
      left += cellWidth;
    });
    pdf
      .moveTo(x, top + height)
      .lineTo(x + sum(widths), top + height)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
  };
  const drawHeader = (top: number) => {
    drawRow(header.cells, top, header.height, BOLD, COLORS.headerFill);
    return top + header.height;
  };

  // The title, its note, the header and the first row stay together.
  pdf.font(BOLD).fontSize(12);
  let titleHeight = breakLines(pdf, localize(section.title, language), width).length * lineHeight(pdf) + 4;
  if (section.note) {
    pdf.font(REGULAR).fontSize(9);
    titleHeight += breakLines(pdf, localize(section.note, language), width).length * lineHeight(pdf);
  }
  let y = startY;
  if (y + titleHeight + header.height + (rows[0]?.height ?? 0) > bottomLimit(pdf)) {
    addPage(pdf, layout.landscape);
    y = pdf.page.margins.top;
  }
  pdf.font(BOLD).fontSize(12).fillColor(COLORS.text);
  y = drawParagraph(pdf, localize(section.title, language), x, y, width);
  if (section.note) {
    pdf.font(REGULAR).fontSize(9).fillColor(COLORS.muted);
    y = drawParagraph(pdf, localize(section.note, language), x, y, width);
  }
  y = drawHeader(y + 4);

  rows.forEach((row, index) => {
    if (y + row.height > bottomLimit(pdf)) {
      addPage(pdf, layout.landscape);
      y = drawHeader(pdf.page.margins.top);
    }
    const fill = row.total ? COLORS.totalFill : index % 2 === 1 ? COLORS.zebra : null;
    drawRow(row.cells, y, row.height, row.total ? BOLD : REGULAR, fill);
    y += row.height;
  });
  return y;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Column widths that fill the line: every column gets at least its longest
 * word (a figure never breaks), then the room left goes to the columns whose
 * texts would otherwise wrap, in proportion to what they lack.
 */
function columnWidths(
  pdf: Pdf,
  section: ReportSection,
  language: ReportLanguage,
  available: number,
  fontSize: number,
): number[] {
  const longestWord = (text: string) =>
    Math.max(0, ...Array.from(words.segment(text), ({ segment }) => pdf.widthOfString(segment)));
  const measures = section.columns.map((column) => {
    pdf.font(BOLD).fontSize(fontSize);
    const label = columnLabel(column, language, 'text');
    let natural = pdf.widthOfString(label);
    // A figure's heading is short: keep it on one line when it is not too long ("ทันเวลา", not "ทัน / เวลา").
    let minimum = column.kind === 'text' ? Math.min(longestWord(label), 90) : Math.min(natural, 80);
    for (const row of section.rows) {
      pdf.font(row.total ? BOLD : REGULAR).fontSize(fontSize);
      const text = formatCell(row.cells[column.key], column.kind, language);
      const textWidth = pdf.widthOfString(text);
      natural = Math.max(natural, textWidth);
      minimum = Math.max(minimum, column.kind === 'text' ? Math.min(longestWord(text), 90) : textWidth);
    }
    const pad = 2 * CELL_PAD_X + 1;
    return { natural: Math.min(natural, 300) + pad, minimum: minimum + pad };
  });
  const naturalTotal = sum(measures.map((m) => m.natural));
  if (naturalTotal <= available) {
    return measures.map((m) => (m.natural / naturalTotal) * available);
  }
  const minimumTotal = sum(measures.map((m) => m.minimum));
  if (minimumTotal >= available) {
    return measures.map((m) => (m.minimum / minimumTotal) * available);
  }
  const lacking = sum(measures.map((m) => m.natural - m.minimum));
  return measures.map((m) => m.minimum + ((m.natural - m.minimum) / lacking) * (available - minimumTotal));
}

function drawFooters(pdf: Pdf, language: ReportLanguage, generated: string, title: string): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    const { page } = pdf;
    // Below the bottom margin: drop the margin so pdfkit does not start a new page.
    const bottom = page.margins.bottom;
    page.margins.bottom = 0;
    const x = page.margins.left;
    const width = page.width - page.margins.left - page.margins.right;
    const y = page.height - bottom - FOOTER_SPACE + 8;
    pdf.font(REGULAR).fontSize(8).fillColor(COLORS.muted);
    const pageText = pageLabel(index - range.start + 1, range.count, language);
    const pageWidth = pdf.widthOfString(pageText);
    drawLine(pdf, pageText, x, y, width, 'right');
    const left = `${LABELS.generated[language]} ${generated} · ${title}`;
    const [firstLine] = breakLines(pdf, left, width - pageWidth - 16);
    drawLine(pdf, firstLine ?? '', x, y, width, 'left');
    page.margins.bottom = bottom;
  }
}

const SARA_AM = 0x0e33;
const SARA_AA = 0x0e32;
const NIKHAHIT = 0x0e4d;

/** The parts of pdfkit's embedded font (not in its typings) that write the ToUnicode map. */
type EmbeddedFontInternals = {
  unicode: number[][];
  subset: { glyphs: number[] };
  font: { glyphForCodePoint(codePoint: number): { id: number } };
};

function isEmbeddedFont(value: unknown): value is EmbeddedFontInternals {
  const font = value as Partial<EmbeddedFontInternals> | null;
  return (
    typeof font === 'object' &&
    font !== null &&
    Array.isArray(font.unicode) &&
    Array.isArray(font.subset?.glyphs) &&
    typeof font.font?.glyphForCodePoint === 'function'
  );
}

/**
 * Keeps ำ readable when the PDF's text is copied, searched or extracted.
 * Sarabun draws ำ (SARA AM) as NIKHAHIT + SARA AA so that a tone mark can sit
 * between them (น้ำ). pdfkit's ToUnicode map holds one text per glyph: the
 * NIKHAHIT glyph is mapped to ำ and the SARA AA glyph — shared with every
 * plain า — to า, so "น้ำ" reads back as "น้ำา" (or, when a decomposed ำ came
 * first, every า reads back as nothing). Mapping each glyph to what it draws
 * — NIKHAHIT to U+0E4D, SARA AA to U+0E32 — reads "น้ําา" back as "น้ํา",
 * the compatibility (NFKC) form of "น้ำ": it looks the same and matches it
 * under NFKC. pdfkit keeps the map on a private field: if that changes, the
 * map is left as pdfkit wrote it (and the PDF tests say so).
 */
function mapSaraAmForExtraction(pdf: Pdf): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, unknown> })._fontFamilies ?? {};
  for (const font of Object.values(families)) {
    if (!isEmbeddedFont(font)) continue;
    const saraAm = font.font.glyphForCodePoint(SARA_AM).id;
    const saraAa = font.font.glyphForCodePoint(SARA_AA).id;
    font.unicode = font.unicode.map((codePoints, gid) => {
      const original = font.subset.glyphs[gid];
      if (original === saraAa) return [SARA_AA];
      if (original === saraAm || !codePoints.includes(SARA_AM)) return codePoints;
      return codePoints.map((codePoint) => (codePoint === SARA_AM ? NIKHAHIT : codePoint));
    });
  }
}
