export { migrations } from './migrations';
export { startReportingService, reportingTypeDefs, type ReportingServiceOptions } from './service';
export { applyPendingEvents, catchUp, freshness, rebuild, type Freshness } from './projection';
