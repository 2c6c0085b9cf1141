export { migrations } from './migrations';
export { startPlanningService, planningTypeDefs, type PlanningServiceOptions } from './service';
