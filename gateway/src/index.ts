export { readConfig, type SystemConfig } from './config';
export { composeSupergraph, readCommittedSupergraph, subgraphs } from './composition';
export { startGateway, type GatewayOptions } from './gateway';
export { startSystem, type RunningSystem } from './system';
