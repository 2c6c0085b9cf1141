import type { PlanningContext } from '@cbccvc/planning';

/**
 * Per request: the caller, a unit of work, and organization's read side (units, people, scope),
 * used to resolve and check a report's scope; the reports themselves read the reporting schema.
 */
export type Context = PlanningContext;
