export { createActivities, type ActivityDeps } from './activities';
export type * from './activity-types';
export { bundleWorkflows, connectTemporal, installSchedules, readTemporalConfig, signalRating, startMonthlyCycle, startOrchestration, type RunningOrchestration, type TemporalConfig } from './temporal';
export { cycleWorkflowId, review360WorkflowId, ratingRecordedSignal } from './workflows';
