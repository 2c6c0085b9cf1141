/**
 * Shared pdfkit helpers: an A4 document with an embedded Vietnamese-capable font (Tinos, metric
 * compatible with Times New Roman, the font of Vietnamese administrative documents), the national
 * header, a bordered table that breaks across pages repeating its header, and page numbers.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { MOTTO, NATION, formNumber, upper } from './model';

type Doc = PDFKit.PDFDocument;
export type Align = 'left' | 'center' | 'right';
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FONT_FILES: Readonly<Record<FontStyle, string>> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};
const STYLES = Object.keys(FONT_FILES) as FontStyle[];

let fontCache: Record<FontStyle, fontkit.Font> | undefined;

/**
 * The fonts, read and parsed once per process: decoding a TrueType font's layout tables costs
 * more than laying out a 200-line list, so every document shares the parsed fonts (pdfkit accepts
 * a fontkit font; each document still makes its own subset).
 *
 * A fontkit font caches its glyph objects with the code points of their first use, and a subset
 * creates the components of composite glyphs ('ơ' inside 'ợ') without code points: shared as is,
 * a later document would map such a glyph to no text in its ToUnicode table (pdf.js then reads
 * 'Đơn' as 'ĐJn'). So each document starts with an empty glyph cache, as with a freshly opened
 * font, and keeps the decoded tables.
 */
function fonts(): Record<FontStyle, fontkit.Font> {
  if (!fontCache) {
    const parsed = {} as Record<FontStyle, fontkit.Font>;
    for (const style of STYLES) {
      const font = fontkit.create(readFileSync(require.resolve(FONT_FILES[style])));
      if (!('layout' in font)) throw new Error(`${FONT_FILES[style]} is a font collection`);
      parsed[style] = font;
    }
    fontCache = parsed;
  }
  for (const font of Object.values(fontCache)) {
    const cache = font as unknown as { _glyphs?: object };
    if (typeof cache._glyphs !== 'object') throw new Error('fontkit changed: no glyph cache to reset (see pdf-common.ts)');
    cache._glyphs = {};
  }
  return fontCache;
}

/**
 * Parses the fonts and decodes their layout tables now (about a quarter of a second, once per
 * process) rather than in the first export: call at service start.
 */
export function warmUpFonts(): void {
  for (const font of Object.values(fonts())) font.layout('Đánh giá, xếp loại CBCCVC – Nguyễn Thị Hương (Chuyên viên) 0123456789');
}

export function fontOf(bold?: boolean, italic?: boolean): FontStyle {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

export interface Page {
  doc: Doc;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

const PAGE_NUMBER_SPACE = 18;

export function newDocument(opts: {
  layout: 'portrait' | 'landscape';
  title: string;
  author: string;
  dataAsOf: string;
}): { page: Page; done: Promise<Buffer> } {
  const at = new Date(opts.dataAsOf);
  const margins = { top: 42, bottom: 36 + PAGE_NUMBER_SPACE, left: 62, right: 42 };
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.layout,
    margins,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: opts.title, Author: opts.author, Creator: 'CBCCVC', Producer: 'CBCCVC', CreationDate: at, ModDate: at },
  });
  // pdfkit's typings list file sources only; pdfkit 0.20 also takes a parsed fontkit font.
  const parsed = fonts();
  for (const style of STYLES) doc.registerFont(style, parsed[style] as unknown as Buffer);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const page: Page = {
    doc,
    left: margins.left,
    right: doc.page.width - margins.right,
    top: margins.top,
    bottom: doc.page.height - margins.bottom,
    width: doc.page.width - margins.left - margins.right,
  };
  return { page, done };
}

export interface TextStyle {
  font?: FontStyle;
  size?: number;
  align?: Align;
  underline?: boolean;
}

/**
 * The height of a block of text in `width`. A single line that fits (with a point to spare, as
 * pdfkit wraps word by word) is one line height without running the line wrapper: most cells.
 */
export function textHeight(doc: Doc, text: string, width: number, style: TextStyle = {}): number {
  if (text === '') return 0;
  doc.font(style.font ?? 'regular').fontSize(style.size ?? 11);
  if (!text.includes('\n') && doc.widthOfString(text) <= width - 1) return doc.currentLineHeight(true);
  return doc.heightOfString(text, { width, lineGap: 0 });
}

/** Draws a block of text at (x, y) within `width` (measured by the caller). */
function draw(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle): void {
  if (text === '') return;
  doc.font(style.font ?? 'regular').fontSize(style.size ?? 11);
  doc.text(text, x, y, { width, align: style.align ?? 'left', lineGap: 0, lineBreak: true });
}

/** Writes a block of text at (x, y) within `width`; returns its height. */
export function write(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
  const h = textHeight(doc, text, width, style);
  draw(doc, text, x, y, width, style);
  if (style.underline && text !== '') {
    const w = Math.min(width, doc.widthOfString(text));
    const x0 = style.align === 'center' ? x + (width - w) / 2 : style.align === 'right' ? x + width - w : x;
    const ly = y + h + 1;
    doc.moveTo(x0, ly).lineTo(x0 + w, ly).lineWidth(0.6).stroke();
  }
  return h;
}

/**
 * The header block: form number at the top right; on the left the agency and the unit (bold), on
 * the right the nation and the motto (underlined). Returns the y below it.
 */
export function nationalHeader(p: Page, left: [string, string], form: '1A' | '2A' | '3A', dateLine?: string): number {
  const { doc } = p;
  const leftWidth = p.width * 0.42;
  const rightX = p.left + p.width * 0.42;
  const rightWidth = p.width * 0.58;
  let y = p.top;
  write(doc, formNumber(form), p.left, y, p.width, { font: 'italic', size: 10, align: 'right' });
  y += 14;
  let ly = y;
  // A single issuer prints bold (it is the issuing body); otherwise the parent body, then the unit in bold.
  ly += write(doc, upper(left[0]), p.left, ly, leftWidth, { font: left[1] === '' ? 'bold' : 'regular', size: 12, align: 'center' });
  if (left[1] !== '') {
    const h = write(doc, upper(left[1]), p.left, ly, leftWidth, { font: 'bold', size: 12, align: 'center' });
    ly += h;
  }
  // The short rule under the issuing unit.
  const cx = p.left + leftWidth / 2;
  doc.moveTo(cx - 40, ly + 3).lineTo(cx + 40, ly + 3).lineWidth(0.6).stroke();
  ly += 6;
  let ry = y;
  ry += write(doc, NATION, rightX, ry, rightWidth, { font: 'bold', size: 12, align: 'center' });
  ry += write(doc, MOTTO, rightX, ry, rightWidth, { font: 'bold', size: 13, align: 'center', underline: true }) + 4;
  if (dateLine !== undefined) ry += 4 + write(doc, dateLine, rightX, ry + 4, rightWidth, { font: 'italic', size: 12, align: 'center' });
  return Math.max(ly, ry) + 12;
}

/** Centered title lines; returns the y below them. */
export function titleBlock(p: Page, y: number, lines: { text: string; font?: FontStyle; size?: number }[]): number {
  for (const line of lines) y += write(p.doc, line.text, p.left, y, p.width, { font: line.font ?? 'bold', size: line.size ?? 13, align: 'center' }) + 1;
  return y + 10;
}

// ---------------------------------------------------------------------------------------------
// Table

export interface TableColumn {
  width: number;
  align: Align;
}

export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  font?: FontStyle;
  size?: number;
}

export interface BodyCell {
  text: string;
  /** Continues the text on the same line(s), smaller and in italics (the position after a name). */
  suffix?: string;
  font?: FontStyle;
  align?: Align;
}

/** A body row; `keepWithNext` (a section heading) never ends a page. */
export interface TableRow {
  cells: BodyCell[];
  keepWithNext?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  header: HeaderCell[];
  headerRows: number;
  fontSize: number;
}

const PAD_X = 4;
const PAD_Y = 3;
const MIN_ROW = 17;

interface MeasuredHeader {
  rowHeights: number[];
  height: number;
}

function measureHeader(doc: Doc, spec: TableSpec, xs: number[]): MeasuredHeader {
  const rowHeights = new Array<number>(spec.headerRows).fill(MIN_ROW);
  const cellWidth = (c: HeaderCell) => xs[c.col + (c.colSpan ?? 1)]! - xs[c.col]! - 2 * PAD_X;
  const heightOf = (c: HeaderCell) => textHeight(doc, c.text, cellWidth(c), { font: c.font ?? 'bold', size: c.size ?? spec.fontSize }) + 2 * PAD_Y;
  for (const c of spec.header) if ((c.rowSpan ?? 1) === 1) rowHeights[c.row] = Math.max(rowHeights[c.row]!, heightOf(c));
  for (const c of spec.header) {
    const span = c.rowSpan ?? 1;
    if (span === 1) continue;
    const have = rowHeights.slice(c.row, c.row + span).reduce((a, b) => a + b, 0);
    const need = heightOf(c);
    if (need > have) rowHeights[c.row + span - 1]! += need - have;
  }
  return { rowHeights, height: rowHeights.reduce((a, b) => a + b, 0) };
}

/** Text centred vertically in a cell of height `h`; `th` is the text's height when known. */
function cellText(doc: Doc, text: string, x: number, y: number, w: number, h: number, style: TextStyle, th?: number): void {
  const height = th ?? textHeight(doc, text, w - 2 * PAD_X, style);
  draw(doc, text, x + PAD_X, y + (h - height) / 2, w - 2 * PAD_X, style);
}

/**
 * Draws a bordered table from `y`, adding pages as needed (the header repeated on each), and
 * returns the y below it. `tail` is the height of what must follow the table on the same page
 * (the signatures): the last row moves to a new page with it rather than leave it alone.
 */
export function drawTable(p: Page, y: number, spec: TableSpec, rows: TableRow[], tail = 0): number {
  const { doc } = p;
  const xs = [p.left];
  for (const c of spec.columns) xs.push(xs[xs.length - 1]! + c.width);
  const header = measureHeader(doc, spec, xs);

  const drawHeader = (top: number): number => {
    doc.lineWidth(0.6);
    for (const c of spec.header) {
      const x = xs[c.col]!;
      const w = xs[c.col + (c.colSpan ?? 1)]! - x;
      const cy = top + header.rowHeights.slice(0, c.row).reduce((a, b) => a + b, 0);
      const h = header.rowHeights.slice(c.row, c.row + (c.rowSpan ?? 1)).reduce((a, b) => a + b, 0);
      doc.rect(x, cy, w, h).stroke();
      cellText(doc, c.text, x, cy, w, h, { font: c.font ?? 'bold', size: c.size ?? spec.fontSize, align: 'center' });
    }
    return top + header.height;
  };

  // Same size as the text so the baselines line up; measured in the upright font, which is a
  // little wider than the italic, so never short.
  const full = (cell: BodyCell) => (cell.suffix ? cell.text + cell.suffix : cell.text);
  /** Each cell's text height, measured once. */
  const cellHeights = (row: BodyCell[]): number[] =>
    row.map((cell, i) => textHeight(doc, full(cell), spec.columns[i]!.width - 2 * PAD_X, { font: cell.font ?? 'regular', size: spec.fontSize }));

  if (y + header.height + MIN_ROW > p.bottom) {
    doc.addPage();
    y = p.top;
  }
  y = drawHeader(y);
  const measured = rows.map((row) => cellHeights(row.cells));
  const heights = measured.map((cells) => Math.max(MIN_ROW, ...cells.map((h) => h + 2 * PAD_Y)));
  const room = p.bottom - p.top - header.height;
  rows.forEach(({ cells: row }, index) => {
    const h = heights[index]!;
    // What must share the page with this row: the rows it keeps with, then (last row) the tail.
    let keep = 0;
    let j = index;
    for (; j + 1 < rows.length && rows[j]!.keepWithNext; j++) keep += heights[j + 1]!;
    if (j === rows.length - 1) keep += tail;
    if (h + keep > room) keep = 0; // cannot be honoured on any page
    if (y + h + keep > p.bottom) {
      doc.addPage();
      y = drawHeader(p.top);
    }
    doc.lineWidth(0.6);
    row.forEach((cell, i) => {
      const x = xs[i]!;
      const w = spec.columns[i]!.width;
      doc.rect(x, y, w, h).stroke();
      const align = cell.align ?? spec.columns[i]!.align;
      const style: TextStyle = { font: cell.font ?? 'regular', size: spec.fontSize, align };
      const th = measured[index]![i]!;
      if (!cell.suffix) {
        cellText(doc, cell.text, x, y, w, h, style, th);
        return;
      }
      const inner = w - 2 * PAD_X;
      doc.font(style.font!).fontSize(spec.fontSize);
      doc.text(cell.text, x + PAD_X, y + (h - th) / 2, { width: inner, align, lineGap: 0, continued: true });
      doc.font('italic').text(cell.suffix, { continued: false });
    });
    y += h;
  });
  return y;
}

/** Moves to a new page when `height` does not fit below `y`; returns the y to write at. */
export function ensureSpace(p: Page, y: number, height: number): number {
  if (y + height <= p.bottom) return y;
  p.doc.addPage();
  return p.top;
}

/** "Trang i/n" at the bottom of every page, then ends the document. */
export function finish(p: Page): void {
  const { doc } = p;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    write(doc, `Trang ${i - start + 1}/${count}`, p.left, doc.page.height - bottom + 10, p.width, { font: 'italic', size: 9, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
}
