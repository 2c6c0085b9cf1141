import * as ExcelJS from 'exceljs';
import { gradeLabels } from '@cbccvc/rules';
import type { BonusProposal } from './bonus';
import type { Context } from './context';
import { monthLabel } from './documents/model';

/** The bonus split as a spreadsheet: one row per person, the grade's name, coefficient and amount. */
export async function bonusXlsx(ctx: Context, proposal: BonusProposal): Promise<Buffer> {
  const unit = await ctx.loaders.unit.load(proposal.unitId);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Thu nhập tăng thêm', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 6 }, { width: 32 }, { width: 32 }, { width: 12 }, { width: 18 }];
  sheet.addRow([`PHÂN BỔ THU NHẬP TĂNG THÊM THÁNG ${monthLabel(proposal.month)}`]).font = { bold: true, size: 13 };
  sheet.addRow([unit?.name ?? proposal.unitId]);
  sheet.addRow([`Tổng quỹ: ${proposal.pool.toLocaleString('vi-VN')} đồng; ${proposal.confirmedAt ? `đã xác nhận bởi ${proposal.confirmedBy}` : 'đề xuất, chưa xác nhận'}`]);
  sheet.addRow([]);
  const header = sheet.addRow(['STT', 'Họ và tên', 'Mức xếp loại', 'Hệ số', 'Số tiền (đồng)']);
  header.font = { bold: true };
  proposal.shares.forEach((share, i) => {
    const row = sheet.addRow([i + 1, share.fullName, gradeLabels[share.grade], proposal.coefficients[share.grade], share.amount]);
    row.getCell(5).numFmt = '#,##0';
  });
  const total = sheet.addRow(['', 'Cộng', '', '', proposal.shares.reduce((sum, s) => sum + s.amount, 0)]);
  total.font = { bold: true };
  total.getCell(5).numFmt = '#,##0';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
