export { migrations } from './migrations';
export { startPlanningService, planningTypeDefs, type PlanningServiceOptions } from './service';
export { loadPlanningSeed } from './seed/load';
export { computeMonthKpis, storeMonthKpis, type MonthKpiRow } from './kpi-month';
// The read side the evaluation subgraph uses in-process: the live KPI of a person-month.
export { computeKpi, type KpiResult } from './kpi';
export { subjectOf, type Subject } from './permissions';
export type { Context as PlanningContext } from './context';
export { createContext as createPlanningContext } from './context';
