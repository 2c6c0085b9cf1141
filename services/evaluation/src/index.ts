export { migrations } from './migrations';
export { startEvaluationService, evaluationTypeDefs, type EvaluationServiceOptions } from './service';
