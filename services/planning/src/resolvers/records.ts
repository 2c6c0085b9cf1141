import type {
  DelayResolvers,
  KpiSnapshotResolvers,
  LeaderFactorsResolvers,
  MonthReopeningResolvers,
  PlanStatusRowResolvers,
  QualityReviewResolvers,
} from '../generated/resolvers-types';

/** The small result types: timestamps as ISO strings, people as references. */
export const QualityReview: QualityReviewResolvers = { recordedAt: (r) => r.recordedAt.toISOString() };
export const Delay: DelayResolvers = { recordedAt: (d) => d.recordedAt.toISOString() };
export const LeaderFactors: LeaderFactorsResolvers = { person: (f) => ({ id: f.personId }) };
export const MonthReopening: MonthReopeningResolvers = { person: (r) => ({ id: r.personId }), until: (r) => r.until.toISOString() };
export const KpiSnapshot: KpiSnapshotResolvers = {
  person: (s) => ({ id: s.personId }),
  takenAt: (s) => s.takenAt.toISOString(),
  detail: (s) => JSON.stringify(s.detail),
};
export const PlanStatusRow: PlanStatusRowResolvers = {
  person: (row) => ({ id: row.personId }),
  status: (row) => row.plan?.status ?? null,
};
