/**
 * The announcements of a month's results (document 003): Mẫu số 2A, an agency's CBCCVC and
 * workers, and Mẫu số 3A, the cadres managed by the City Party Standing Committee (with their
 * unit and the number and date of the authority's collective decision). XLSX and PDF, A4 portrait,
 * with the totals per grade.
 */
import { gradeLabels } from '@cbccvc/rules';
import {
  ANNOUNCEMENT_HEADERS,
  ANNOUNCEMENT_SIGNER,
  ANNOUNCEMENT_TITLE,
  announcementSubtitle,
  dataAsOfLine,
  dateLine,
  decisionReference,
  gradeTotals,
  monthLabel,
  validateAnnouncement,
  type AnnouncementDocument,
} from './model';
import * as pdf from './pdf-common';
import { addSheet, columnLetter, lineCount, nationalHeader, newWorkbook, put, range, toBuffer } from './xlsx-common';

interface Layout {
  headers: string[];
  cells: (row: AnnouncementDocument['rows'][number]) => string[];
  xlsxWidths: number[];
  /** PDF widths of all columns but the last, which takes the rest. */
  pdfWidths: number[];
}

function layout(doc: AnnouncementDocument): Layout {
  const h = ANNOUNCEMENT_HEADERS;
  // 3A adds the external authority's collective decision (number and date), last: the other columns
  // narrow to keep the portrait page's width, the reference wrapping after its number.
  if (doc.kind === '3A') {
    return {
      headers: [h.number, h.name, h.position, h.unit, h.grade, h.decision],
      cells: (r) => [String(r.number), r.fullName, r.positionName, r.unitName ?? '', gradeLabels[r.finalGrade], decisionReference(r)],
      xlsxWidths: [6, 22, 20, 21, 19, 20],
      pdfWidths: [30, 96, 78, 88, 100],
    };
  }
  // The official four columns; a "Ghi chú" column only when the quota graded someone's A-band score B
  // (its note says why), narrowing the others to keep the page's width.
  if (doc.rows.some(hasNote)) {
    return {
      headers: [h.number, h.name, h.position, h.grade, h.note],
      cells: (r) => [String(r.number), r.fullName, r.positionName, gradeLabels[r.finalGrade], hasNote(r) ? r.quotaExplanation!.trim() : ''],
      xlsxWidths: [6, 22, 20, 20, 36],
      pdfWidths: [30, 110, 95, 95],
    };
  }
  return {
    headers: [h.number, h.name, h.position, h.grade],
    cells: (r) => [String(r.number), r.fullName, r.positionName, gradeLabels[r.finalGrade]],
    xlsxWidths: [6, 30, 32, 32],
    pdfWidths: [34, 150, 150],
  };
}

/** A note to print: the quota's explanation, not blank. */
function hasNote(row: AnnouncementDocument['rows'][number]): boolean {
  return typeof row.quotaExplanation === 'string' && row.quotaExplanation.trim() !== '';
}

/** 2A names the unit under the title; 3A names its scope in the title itself. */
function scopeLine(doc: AnnouncementDocument): string | null {
  return doc.kind === '2A' && doc.scopeName.trim() !== '' ? `Đơn vị: ${doc.scopeName.trim()}` : null;
}

function title(doc: AnnouncementDocument): string {
  return `${ANNOUNCEMENT_TITLE} ${announcementSubtitle(doc)}`;
}

// ---------------------------------------------------------------------------------------------
// XLSX

export async function announcementXlsx(doc: AnnouncementDocument): Promise<Buffer> {
  validateAnnouncement(doc);
  const l = layout(doc);
  const last = l.headers.length;
  const wb = newWorkbook(doc.dataAsOf, title(doc));
  const ws = addSheet(wb, `Thông báo ${doc.kind} tháng ${monthLabel(doc.month).replace('/', '-')}`, 'portrait', l.xlsxWidths);

  let r = nationalHeader(ws, { first: 1, split: 2, last, left: [doc.issuerName, ''], form: doc.kind });
  put(ws, range(r, 3, last), dateLine(doc.place), { italic: true, align: 'center' });
  r += 2;
  put(ws, range(r, 1, last), ANNOUNCEMENT_TITLE, { bold: true, size: 14, align: 'center' });
  ws.getRow(r).height = 20;
  r += 1;
  const subtitle = announcementSubtitle(doc);
  put(ws, range(r, 1, last), subtitle, { bold: true, size: 13, align: 'center' });
  const totalWidth = l.xlsxWidths.reduce((a, b) => a + b, 0);
  ws.getRow(r).height = lineCount(subtitle, totalWidth * 0.85) * 17 + 3;
  r += 1;
  const scope = scopeLine(doc);
  if (scope !== null) {
    put(ws, range(r, 1, last), scope, { italic: true, align: 'center' });
    r += 1;
  }
  r += 1;

  const headerRow = r;
  l.headers.forEach((text, i) => put(ws, `${columnLetter(i + 1)}${r}`, text, { bold: true, align: 'center', border: true }));
  ws.getRow(r).height = 22;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  r += 1;
  for (const row of doc.rows) {
    const cells = l.cells(row);
    cells.forEach((text, i) =>
      put(ws, `${columnLetter(i + 1)}${r}`, i === 0 ? row.number : text, { align: i === 0 ? 'center' : 'left', border: true }),
    );
    ws.getRow(r).height = Math.max(18, Math.max(...cells.map((text, i) => lineCount(text, l.xlsxWidths[i]!))) * 15 + 3);
    r += 1;
  }

  r += 1;
  const totals = gradeTotals(doc.rows);
  put(ws, range(r, 1, last), totals.totalLine, { bold: true });
  r += 1;
  for (const g of totals.grades) put(ws, range(r++, 1, last), `- ${g.line}`, {});
  put(ws, range(r, 1, last), dataAsOfLine(doc.dataAsOf), { italic: true, size: 10 });
  r += 2;
  put(ws, range(r, 3, last), ANNOUNCEMENT_SIGNER, { bold: true, align: 'center' });
  put(ws, range(r + 1, 3, last), '(Ký, ghi rõ họ tên)', { italic: true, align: 'center', size: 11 });
  ws.pageSetup.printArea = `A1:${columnLetter(last)}${r + 5}`;

  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------
// PDF

export async function announcementPdf(doc: AnnouncementDocument): Promise<Buffer> {
  validateAnnouncement(doc);
  const l = layout(doc);
  const { page: p, done } = pdf.newDocument({ layout: 'portrait', title: title(doc), author: doc.issuerName, dataAsOf: doc.dataAsOf });
  let y = pdf.nationalHeader(p, [doc.issuerName, ''], doc.kind, dateLine(doc.place));
  const scope = scopeLine(doc);
  y = pdf.titleBlock(p, y, [
    { text: ANNOUNCEMENT_TITLE, size: 14 },
    { text: announcementSubtitle(doc) },
    ...(scope === null ? [] : [{ text: scope, font: 'italic' as const, size: 12 }]),
  ]);
  const widths = [...l.pdfWidths, p.width - l.pdfWidths.reduce((a, b) => a + b, 0)];
  const spec: pdf.TableSpec = {
    columns: widths.map((width, i) => ({ width, align: i === 0 ? 'center' : 'left' })),
    header: l.headers.map((text, col) => ({ text, row: 0, col })),
    headerRows: 1,
    fontSize: 11,
  };
  // Totals, data freshness and the signer: kept together, and with the table's last row.
  const d = p.doc;
  const totals = gradeTotals(doc.rows);
  const lines = [totals.totalLine, ...totals.grades.map((g) => `- ${g.line}`)];
  const needed = 12 + lines.length * 16 + 2 + 12 + 16 + 16 + 16;
  y = pdf.drawTable(
    p,
    y,
    spec,
    doc.rows.map((row) => ({ cells: l.cells(row).map((text) => ({ text })) })),
    needed,
  );

  y = pdf.ensureSpace(p, y, needed) + 12;
  y += pdf.write(d, lines[0]!, p.left, y, p.width, { font: 'bold', size: 12 }) + 2;
  for (const line of lines.slice(1)) y += pdf.write(d, line, p.left + 12, y, p.width - 12, { size: 12 }) + 2;
  y += pdf.write(d, dataAsOfLine(doc.dataAsOf), p.left, y + 2, p.width, { font: 'italic', size: 10 }) + 16;
  const half = p.width / 2;
  pdf.write(d, ANNOUNCEMENT_SIGNER, p.left + half, y, half, { font: 'bold', size: 12, align: 'center' });
  pdf.write(d, '(Ký, ghi rõ họ tên)', p.left + half, y + 16, half, { font: 'italic', size: 11, align: 'center' });

  pdf.finish(p);
  return done;
}
