/**
 * Official documents of the monthly evaluation as files: the unit summary list (Mẫu số 1A/01A)
 * and the announcements (Mẫu số 2A, 3A), each as XLSX and as PDF. Pure functions of their data.
 */
export { summaryPdf, summaryXlsx } from './summary';
export { announcementPdf, announcementXlsx } from './announcement';
export { warmUpFonts } from './pdf-common';
export { gradeColumns, gradeTotals, hanoiTime, monthLabel, percent } from './model';
export type {
  AnnouncementDocument,
  AnnouncementRow,
  Grade,
  GradeAbbreviation,
  GradeColumn,
  GradeTotal,
  SummaryDocument,
  SummaryRow,
} from './model';
