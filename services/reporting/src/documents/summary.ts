/**
 * Form 1A/01A of document 003, "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CBCCVC, LAO ĐỘNG
 * HỢP ĐỒNG": as an XLSX workbook (A4 landscape) and as a PDF (A4 landscape).
 */
import type * as ExcelJS from 'exceljs';
import {
  SUMMARY_HEADERS,
  SUMMARY_NOTE,
  SUMMARY_SIGNERS,
  SUMMARY_TITLE,
  dataAsOfLine,
  dateLine,
  gradeColumns,
  hasSummaryNotes,
  monthLabel,
  summaryLines,
  validateSummary,
  type SummaryDocument,
  type SummaryLine,
} from './model';
import * as pdf from './pdf-common';
import { addSheet, columnLetter, lineCount, nationalHeader, newWorkbook, put, range, styleCell, toBuffer } from './xlsx-common';

/** The official eight columns; a ninth, "Ghi chú", only when a row has a note (see `hasSummaryNotes`). */
const COLUMNS = 8;
/** Widths in characters: STT, name, task result, self grade, then the four grades. */
const XLSX_WIDTHS = [6, 32, 24, 13, 12, 12, 12, 12];
/** With the note column: the name and the task result narrower, the note last. */
const XLSX_WIDTHS_NOTED = [6, 28, 20, 12, 12, 12, 12, 12, 30];
/** The first row of the table header in the sheet (rows HEADER_ROW..HEADER_ROW+2 repeat on print). */
export const SUMMARY_HEADER_ROW = 9;

function title(doc: SummaryDocument): string {
  return `${SUMMARY_TITLE[0]} ${SUMMARY_TITLE[1]} - Tháng ${monthLabel(doc.month)} - ${doc.unitName}`;
}

/** The position after the name, in the name's cell (the form has no column of its own for it). */
export function positionSuffix(positionName: string): string {
  return ` (${positionName})`;
}

// ---------------------------------------------------------------------------------------------
// XLSX

function xlsxLine(ws: ExcelJS.Worksheet, r: number, line: SummaryLine, widths: number[]): void {
  const border = true;
  const noted = widths.length > COLUMNS;
  if (line.kind !== 'person') {
    const italic = line.kind === 'subsection';
    put(ws, `A${r}`, line.number, { bold: true, italic, align: 'center', border });
    put(ws, `B${r}`, line.label, { bold: true, italic, border });
    for (let c = 3; c <= widths.length; c++) styleCell(ws.getCell(r, c), { border });
    ws.getRow(r).height = 18;
    return;
  }
  put(ws, `A${r}`, line.number, { align: 'center', border });
  const name = ws.getCell(`B${r}`);
  name.value =
    line.positionName === ''
      ? line.fullName
      : {
          richText: [
            { text: line.fullName, font: { name: 'Times New Roman', size: 12 } },
            { text: positionSuffix(line.positionName), font: { name: 'Times New Roman', size: 11, italic: true } },
          ],
        };
  styleCell(name, { border });
  line.cells.forEach((text, i) => put(ws, `${String.fromCharCode(67 + i)}${r}`, text, { align: 'center', border }));
  if (noted) put(ws, `${columnLetter(COLUMNS + 1)}${r}`, line.note, { border });
  const lines = Math.max(
    lineCount(line.positionName === '' ? line.fullName : line.fullName + positionSuffix(line.positionName), widths[1]!),
    lineCount(line.cells[0]!, widths[2]!),
    noted ? lineCount(line.note, widths[COLUMNS]!) : 1,
  );
  ws.getRow(r).height = Math.max(18, lines * 15 + 3);
}

export async function summaryXlsx(doc: SummaryDocument): Promise<Buffer> {
  validateSummary(doc);
  const month = monthLabel(doc.month);
  const widths = hasSummaryNotes(doc) ? XLSX_WIDTHS_NOTED : XLSX_WIDTHS;
  const last = widths.length;
  const wb = newWorkbook(doc.dataAsOf, title(doc));
  const ws = addSheet(wb, `Tổng hợp tháng ${month.replace('/', '-')}`, 'landscape', widths);

  nationalHeader(ws, { first: 1, split: 3, last, left: [doc.agencyName, doc.unitName], form: '1A' });
  put(ws, range(5, 1, last), SUMMARY_TITLE[0], { bold: true, size: 14, align: 'center' });
  put(ws, range(6, 1, last), SUMMARY_TITLE[1], { bold: true, size: 13, align: 'center' });
  put(ws, range(7, 1, last), `Tháng ${month}`, { bold: true, italic: true, size: 13, align: 'center' });
  ws.getRow(5).height = 20;
  ws.getRow(6).height = 20;

  const h = SUMMARY_HEADER_ROW;
  const head = { bold: true, align: 'center' as const, border: true };
  put(ws, `A${h}:A${h + 1}`, SUMMARY_HEADERS.number, head);
  put(ws, `B${h}:B${h + 1}`, SUMMARY_HEADERS.name, head);
  put(ws, `C${h}:C${h + 1}`, SUMMARY_HEADERS.taskResult, head);
  put(ws, `D${h}:D${h + 1}`, SUMMARY_HEADERS.selfGrade, head);
  put(ws, range(h, 5, 8), SUMMARY_HEADERS.finalGrade, head);
  gradeColumns.forEach((g, i) => put(ws, `${String.fromCharCode(69 + i)}${h + 1}`, g.abbreviation, head));
  if (last > COLUMNS) put(ws, `${columnLetter(last)}${h}:${columnLetter(last)}${h + 1}`, SUMMARY_HEADERS.note, head);
  for (let c = 1; c <= last; c++) put(ws, `${columnLetter(c)}${h + 2}`, String(c), { italic: true, align: 'center', border: true });
  ws.getRow(h).height = 22;
  ws.getRow(h + 1).height = 34;
  ws.pageSetup.printTitlesRow = `${h}:${h + 2}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: h + 2, topLeftCell: `A${h + 3}`, activeCell: `A${h + 3}` }];

  let r = h + 3;
  for (const line of summaryLines(doc)) xlsxLine(ws, r++, line, widths);

  r += 1;
  put(ws, range(r, 1, last), SUMMARY_NOTE, { italic: true, size: 11 });
  put(ws, range(r + 1, 1, last), dataAsOfLine(doc.dataAsOf), { italic: true, size: 10 });
  r += 3;
  put(ws, range(r, 5, last), dateLine(doc.place), { italic: true, align: 'center' });
  put(ws, range(r + 1, 1, 3), SUMMARY_SIGNERS[0], { bold: true, align: 'center' });
  put(ws, range(r + 1, 5, last), SUMMARY_SIGNERS[1], { bold: true, align: 'center' });
  put(ws, range(r + 2, 1, 3), '(Ký, ghi rõ họ tên)', { italic: true, align: 'center', size: 11 });
  put(ws, range(r + 2, 5, last), '(Ký, ghi rõ họ tên)', { italic: true, align: 'center', size: 11 });
  ws.pageSetup.printArea = `A1:${columnLetter(last)}${r + 6}`;

  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------
// PDF

function pdfSpec(width: number, noted: boolean): pdf.TableSpec {
  // The four grade columns share the rest (~76 pt: 'Không HTNV' on one line). With notes, the note
  // takes what the grade columns (their heading 'Không HTNV' on two lines; the body an 'x') and the
  // task result give up: a name with its position, a self grade, stay on one line.
  const fixed = noted ? [30, 175, 75, 72] : [36, 185, 135, 78];
  const grade = noted ? 56 : (width - fixed.reduce((a, b) => a + b, 0)) / 4;
  const note = width - fixed.reduce((a, b) => a + b, 0) - 4 * grade;
  const widths = [...fixed, grade, grade, grade, grade, ...(noted ? [note] : [])];
  const header: pdf.HeaderCell[] = [
    { text: SUMMARY_HEADERS.number, row: 0, col: 0, rowSpan: 2 },
    { text: SUMMARY_HEADERS.name, row: 0, col: 1, rowSpan: 2 },
    { text: SUMMARY_HEADERS.taskResult, row: 0, col: 2, rowSpan: 2 },
    { text: SUMMARY_HEADERS.selfGrade, row: 0, col: 3, rowSpan: 2 },
    { text: SUMMARY_HEADERS.finalGrade, row: 0, col: 4, colSpan: 4 },
    ...gradeColumns.map((g, i) => ({ text: g.abbreviation, row: 1, col: 4 + i })),
    ...(noted ? [{ text: SUMMARY_HEADERS.note, row: 0, col: COLUMNS, rowSpan: 2 }] : []),
    ...widths.map((_, i) => ({ text: String(i + 1), row: 2, col: i, font: 'italic' as const, size: 10 })),
  ];
  return {
    columns: widths.map((w, i) => ({ width: w, align: i === 1 ? 'left' : 'center' })),
    header,
    headerRows: 3,
    fontSize: 11,
  };
}

function pdfRow(line: SummaryLine, index: number, lines: SummaryLine[], noted: boolean): pdf.TableRow {
  const columns = noted ? COLUMNS + 1 : COLUMNS;
  if (line.kind !== 'person') {
    const font = line.kind === 'section' ? 'bold' : 'boldItalic';
    return {
      cells: [{ text: line.number, font }, { text: line.label, font }, ...Array.from({ length: columns - 2 }, () => ({ text: '' }))],
      // A heading stays with what follows it (unless an empty section, followed by the next heading, ends the list).
      keepWithNext: index + 1 < lines.length,
    };
  }
  return {
    cells: [
      { text: line.number },
      { text: line.fullName, ...(line.positionName === '' ? {} : { suffix: positionSuffix(line.positionName) }) },
      ...line.cells.map((text) => ({ text })),
      ...(noted ? [{ text: line.note, align: 'left' as const }] : []),
    ],
  };
}

export async function summaryPdf(doc: SummaryDocument): Promise<Buffer> {
  validateSummary(doc);
  const { page: p, done } = pdf.newDocument({ layout: 'landscape', title: title(doc), author: doc.agencyName, dataAsOf: doc.dataAsOf });
  let y = pdf.nationalHeader(p, [doc.agencyName, doc.unitName], '1A');
  y = pdf.titleBlock(p, y, [
    { text: SUMMARY_TITLE[0], size: 14 },
    { text: SUMMARY_TITLE[1] },
    { text: `Tháng ${monthLabel(doc.month)}`, font: 'boldItalic' },
  ]);
  // Note, data freshness, date line and signatures: kept together, and with the table's last row.
  const d = p.doc;
  const noteStyle = { font: 'italic' as const, size: 10.5 };
  const asOfStyle = { font: 'italic' as const, size: 10 };
  const needed = 6 + pdf.textHeight(d, SUMMARY_NOTE, p.width, noteStyle) + 2 + pdf.textHeight(d, dataAsOfLine(doc.dataAsOf), p.width, asOfStyle) + 12 + 18 + 16 + 16;
  const noted = hasSummaryNotes(doc);
  y = pdf.drawTable(p, y, pdfSpec(p.width, noted), summaryLines(doc).map((line, i, lines) => pdfRow(line, i, lines, noted)), needed);

  y = pdf.ensureSpace(p, y, needed) + 6;
  y += pdf.write(d, SUMMARY_NOTE, p.left, y, p.width, noteStyle) + 2;
  y += pdf.write(d, dataAsOfLine(doc.dataAsOf), p.left, y, p.width, asOfStyle) + 12;
  const half = p.width / 2;
  pdf.write(d, dateLine(doc.place), p.left + half, y, half, { font: 'italic', size: 12, align: 'center' });
  y += 18;
  pdf.write(d, SUMMARY_SIGNERS[0], p.left, y, half, { font: 'bold', size: 12, align: 'center' });
  pdf.write(d, SUMMARY_SIGNERS[1], p.left + half, y, half, { font: 'bold', size: 12, align: 'center' });
  y += 16;
  pdf.write(d, '(Ký, ghi rõ họ tên)', p.left, y, half, { font: 'italic', size: 11, align: 'center' });
  pdf.write(d, '(Ký, ghi rõ họ tên)', p.left + half, y, half, { font: 'italic', size: 11, align: 'center' });

  pdf.finish(p);
  return done;
}
