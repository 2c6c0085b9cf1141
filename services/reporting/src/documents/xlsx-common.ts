/** Shared exceljs helpers: the national header, bordered table cells, A4 print setup. */
import * as ExcelJS from 'exceljs';
import { MOTTO, NATION, formNumber, sheetName, upper } from './model';

export const FONT_NAME = 'Times New Roman';

export type Align = 'left' | 'center' | 'right';

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  align?: Align;
  border?: boolean;
  wrap?: boolean;
}

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const allBorders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export function styleCell(cell: ExcelJS.Cell, style: CellStyle = {}): void {
  cell.font = {
    name: FONT_NAME,
    size: style.size ?? 12,
    bold: style.bold ?? false,
    italic: style.italic ?? false,
    ...(style.underline ? { underline: true } : {}),
  };
  cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: style.wrap ?? true };
  if (style.border) cell.border = allBorders;
}

/** Writes a value into a (possibly merged) range; the style goes on every cell of the range so borders show. */
export function put(ws: ExcelJS.Worksheet, range: string, value: ExcelJS.CellValue, style: CellStyle = {}): void {
  const [first, last] = range.split(':');
  if (last !== undefined && last !== first) ws.mergeCells(range);
  const master = ws.getCell(first!);
  master.value = value;
  if (last === undefined || last === first) {
    styleCell(master, style);
    return;
  }
  const a = ws.getCell(first!);
  const b = ws.getCell(last);
  for (let r = Number(a.row); r <= Number(b.row); r++) {
    for (let c = Number(a.col); c <= Number(b.col); c++) styleCell(ws.getCell(r, c), style);
  }
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function range(row: number, fromCol: number, toCol: number, toRow = row): string {
  return `${columnLetter(fromCol)}${row}:${columnLetter(toCol)}${toRow}`;
}

export function newWorkbook(dataAsOf: string, title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const at = new Date(dataAsOf);
  wb.creator = 'CBCCVC';
  wb.lastModifiedBy = 'CBCCVC';
  wb.title = title;
  wb.created = at;
  wb.modified = at;
  return wb;
}

export function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  orientation: 'portrait' | 'landscape',
  widths: number[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(name), {
    pageSetup: {
      paperSize: 9, // A4
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.79, right: 0.59, top: 0.59, bottom: 0.69, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&"Times New Roman,Italic"&10Trang &P/&N', evenFooter: '&C&"Times New Roman,Italic"&10Trang &P/&N' },
    properties: { defaultRowHeight: 18 },
  });
  widths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  return ws;
}

/**
 * Rows `first` .. `first + 2`: the form number at the top right, then the agency and the unit on
 * the left (columns 1..split), the nation and the motto on the right (split+1..last).
 */
export function nationalHeader(
  ws: ExcelJS.Worksheet,
  opts: { first: number; split: number; last: number; left: [string, string]; form: '1A' | '2A' | '3A' },
): number {
  const { first, split, last } = opts;
  put(ws, range(first, Math.max(split + 1, last - 1), last), formNumber(opts.form), { italic: true, size: 11, align: 'right', wrap: false });
  // A single issuer prints bold (it is the issuing body); otherwise the parent body, then the unit in bold.
  put(ws, range(first + 1, 1, split), upper(opts.left[0]), { bold: opts.left[1] === '', align: 'center', size: 12 });
  put(ws, range(first + 1, split + 1, last), NATION, { bold: true, align: 'center', size: 12 });
  put(ws, range(first + 2, 1, split), opts.left[1] === '' ? '' : upper(opts.left[1]), { bold: true, align: 'center', size: 12 });
  put(ws, range(first + 2, split + 1, last), MOTTO, { bold: true, underline: true, align: 'center', size: 13 });
  ws.getRow(first + 1).height = 20;
  ws.getRow(first + 2).height = 20;
  return first + 3;
}

/** Approximate wrapped line count of a text in a column of `width` characters (Times 12). */
export function lineCount(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
