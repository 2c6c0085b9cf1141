import type { MutationResolvers } from '../generated/resolvers-types';
import { createCatalogueVersion, importCatalogue } from '../catalogue';
import { snapshotKpi } from '../kpi';
import { addTask, createPlan, movePlan, removeTask, updateTask } from '../plans';
import { completeTask, excuse, recordDelay, recordQualityReview, reopenMonth, setLeaderFactors } from '../results';
import type { Delay, QualityReview } from '../records';

export const Mutation: MutationResolvers = {
  createCatalogueVersion: (_p, { input }, ctx) => createCatalogueVersion(ctx, input),
  importCatalogue: (_p, { input }, ctx) => importCatalogue(ctx, { ...input, format: input.format === 'XLSX' ? 'xlsx' : 'csv' }),
  createPlan: (_p, { input }, ctx) => createPlan(ctx, input),
  addTask: (_p, { input }, ctx) => addTask(ctx, input),
  updateTask: (_p, { id, expectedVersion, input }, ctx) => updateTask(ctx, id, expectedVersion, input),
  removeTask: (_p, { id, expectedVersion }, ctx) => removeTask(ctx, id, expectedVersion),
  submitPlan: (_p, { id, expectedVersion }, ctx) => movePlan(ctx, id, expectedVersion, 'submit'),
  approvePlan: (_p, { id, expectedVersion }, ctx) => movePlan(ctx, id, expectedVersion, 'approve'),
  returnPlan: (_p, { id, expectedVersion, reason }, ctx) => movePlan(ctx, id, expectedVersion, 'return', reason),
  completeTask: (_p, { id, expectedVersion, input }, ctx) => completeTask(ctx, id, expectedVersion, input),
  recordQualityReview: (_p, { taskId, passed, note }, ctx) => recordQualityReview(ctx, taskId, passed, note),
  recordDelay: (_p, { taskId, note }, ctx) => recordDelay(ctx, taskId, note),
  excuseQualityFailure: async (_p, { reviewId, reason }, ctx) => (await excuse(ctx, 'quality_review', reviewId, reason)) as QualityReview,
  excuseDelay: async (_p, { delayId, reason }, ctx) => (await excuse(ctx, 'delay', delayId, reason)) as Delay,
  setLeaderFactors: (_p, { input }, ctx) => setLeaderFactors(ctx, input),
  reopenMonth: (_p, { personId, month, reason, days }, ctx) => reopenMonth(ctx, personId, month, reason, days),
  snapshotKpi: (_p, { personId, month }, ctx) => snapshotKpi(ctx, personId, month),
};
