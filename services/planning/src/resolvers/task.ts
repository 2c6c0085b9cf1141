import type { TaskResolvers } from '../generated/resolvers-types';
import { toCatalogueItem, toDelay, toPlan, toReview } from '../records';
import { one, rows } from '../sql';

export const Task: TaskResolvers = {
  plan: async (task, _a, ctx) => (await one(ctx.em, 'select * from planning.plan where id = ?', [task.planId], toPlan))!,
  person: (task) => ({ id: task.personId }),
  catalogueItem: (task, _a, ctx) =>
    task.catalogueItemId ? one(ctx.em, 'select * from planning.catalogue_item where id = ?', [task.catalogueItemId], toCatalogueItem) : null,
  adHoc: (task) => task.catalogueItemId === null,
  directedBy: (task) => (task.directedBy ? { id: task.directedBy } : null),
  qualityReviews: async (task, _a, ctx) =>
    (await rows(ctx.em, 'select * from planning.quality_review where task_id = ? order by recorded_at, id', [task.id])).map(toReview),
  delays: async (task, _a, ctx) => (await rows(ctx.em, 'select * from planning.delay where task_id = ? order by recorded_at, id', [task.id])).map(toDelay),
};
