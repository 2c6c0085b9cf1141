export { migrations } from './migrations';
export { startPlanningService, planningTypeDefs, type PlanningServiceOptions } from './service';
export { loadPlanningSeed } from './seed/load';
export { computeMonthKpis, storeMonthKpis, type MonthKpiRow } from './kpi-month';
