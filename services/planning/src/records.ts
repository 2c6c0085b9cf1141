import type { ParsedCatalogue } from './catalogue-import';

/**
 * What the planning subgraph reads and writes, as plain records. Rows are read with SQL and mapped
 * here explicitly: numeric columns arrive from PostgreSQL as text and become numbers in one place.
 */
export type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';

export interface CatalogueVersion { id: string; unitId: string; effectiveFrom: string; standardUnit: string; createdBy: string }
export interface CatalogueItem { id: string; versionId: string; code: string; name: string; complexityGroup: string; unitOfMeasure: string; factor: number }
export interface Plan {
  id: string; unitId: string; personId: string | null; month: string; status: PlanStatus; note: string | null;
  submittedAt: Date | null; decidedBy: string | null; decidedAt: Date | null; returnReason: string | null; version: number;
}
export interface Task {
  id: string; planId: string; unitId: string; personId: string; month: string; catalogueItemId: string | null; title: string;
  quantity: number; factor: number; size: number; arising: boolean; directedBy: string | null; weekStart: string | null;
  assignedOn: string; dueOn: string | null; completedOn: string | null; evidence: string | null; evidenceNote: string | null;
  createdBy: string; version: number;
}
export interface QualityReview { id: string; taskId: string; passed: boolean; note: string | null; recordedBy: string; recordedAt: Date; excused: boolean; excuseReason: string | null; excusedBy: string | null }
export interface Delay { id: string; taskId: string; note: string | null; recordedBy: string; recordedAt: Date; excused: boolean; excuseReason: string | null; excusedBy: string | null }
export interface LeaderFactors { personId: string; month: string; organisation: number; unity: number; reason: string; setBy: string }
export interface MonthReopening { id: string; personId: string; month: string; reason: string; reopenedBy: string; until: Date }
export interface KpiSnapshot { id: string; personId: string; month: string; quantity: number | null; quality: number | null; timeliness: number | null; kpi: number | null; detail: unknown; takenBy: string; takenAt: Date }
export interface PersonRef { id: string }
export interface UnitRef { id: string }
export interface PlanStatusRow { personId: string; plan: Plan | null; taskCount: number }
export interface CatalogueImportResult { version: CatalogueVersion | null; errors: ParsedCatalogue['errors'] }

type Row = Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));
/** `date` columns as YYYY-MM-DD whatever the driver's type parsing. */
const day = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? toDay(value) : String(value).slice(0, 10);
const toDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const time = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

export const toCatalogueVersion = (r: Row): CatalogueVersion => ({
  id: r.id as string, unitId: r.unit_id as string, effectiveFrom: r.effective_from as string, standardUnit: r.standard_unit as string, createdBy: r.created_by as string,
});
export const toCatalogueItem = (r: Row): CatalogueItem => ({
  id: r.id as string, versionId: r.version_id as string, code: r.code as string, name: r.name as string,
  complexityGroup: r.complexity_group as string, unitOfMeasure: r.unit_of_measure as string, factor: num(r.factor),
});
export const toPlan = (r: Row): Plan => ({
  id: r.id as string, unitId: r.unit_id as string, personId: (r.person_id as string | null) ?? null, month: r.month as string,
  status: r.status as PlanStatus, note: (r.note as string | null) ?? null, submittedAt: time(r.submitted_at), decidedBy: (r.decided_by as string | null) ?? null,
  decidedAt: time(r.decided_at), returnReason: (r.return_reason as string | null) ?? null, version: num(r.version),
});
export const toTask = (r: Row): Task => ({
  id: r.id as string, planId: r.plan_id as string, unitId: r.unit_id as string, personId: r.person_id as string, month: r.month as string,
  catalogueItemId: (r.catalogue_item_id as string | null) ?? null, title: r.title as string, quantity: num(r.quantity), factor: num(r.factor),
  size: num(r.size), arising: Boolean(r.arising), directedBy: (r.directed_by as string | null) ?? null, weekStart: day(r.week_start),
  assignedOn: day(r.assigned_on)!, dueOn: day(r.due_on), completedOn: day(r.completed_on), evidence: (r.evidence as string | null) ?? null,
  evidenceNote: (r.evidence_note as string | null) ?? null, createdBy: r.created_by as string, version: num(r.version),
});
export const toReview = (r: Row): QualityReview => ({
  id: r.id as string, taskId: r.task_id as string, passed: Boolean(r.passed), note: (r.note as string | null) ?? null, recordedBy: r.recorded_by as string,
  recordedAt: time(r.recorded_at)!, excused: Boolean(r.excused), excuseReason: (r.excuse_reason as string | null) ?? null, excusedBy: (r.excused_by as string | null) ?? null,
});
export const toDelay = (r: Row): Delay => ({
  id: r.id as string, taskId: r.task_id as string, note: (r.note as string | null) ?? null, recordedBy: r.recorded_by as string, recordedAt: time(r.recorded_at)!,
  excused: Boolean(r.excused), excuseReason: (r.excuse_reason as string | null) ?? null, excusedBy: (r.excused_by as string | null) ?? null,
});
export const toLeaderFactors = (r: Row): LeaderFactors => ({
  personId: r.person_id as string, month: r.month as string, organisation: num(r.organisation), unity: num(r.unity), reason: r.reason as string, setBy: r.set_by as string,
});
export const toReopening = (r: Row): MonthReopening => ({
  id: r.id as string, personId: r.person_id as string, month: r.month as string, reason: r.reason as string, reopenedBy: r.reopened_by as string, until: time(r.until)!,
});
export const toSnapshot = (r: Row): KpiSnapshot => ({
  id: r.id as string, personId: r.person_id as string, month: r.month as string, quantity: numOrNull(r.quantity), quality: numOrNull(r.quality),
  timeliness: numOrNull(r.timeliness), kpi: numOrNull(r.kpi), detail: r.detail, takenBy: r.taken_by as string, takenAt: time(r.taken_at)!,
});
