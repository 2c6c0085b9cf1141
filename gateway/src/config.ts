import { join } from 'node:path';
import { ConfigError, readInt, readNodeEnv, readOptional, readString, readUrl, type NodeEnvironment } from '@cbccvc/platform';
import { readTemporalConfig, type TemporalConfig } from '@cbccvc/workflows';

/**
 * Configuration of the all-in-one process (gateway + subgraphs), read once at start-up. Every
 * variable is documented in .env.example. Secrets have no defaults: KEYCLOAK_ADMIN_CLIENT_SECRET is
 * required whenever KEYCLOAK_URL is set, and without KEYCLOAK_URL no secret is needed at all.
 */
export type ServiceName = 'organization' | 'planning' | 'evaluation' | 'reporting' | 'gateway' | 'worker';
const serviceNames: readonly ServiceName[] = ['organization', 'planning', 'evaluation', 'reporting', 'gateway', 'worker'];

export interface SystemConfig {
  /** What this process runs (SERVICES, default all): one process for `npm start`, one each in a cluster. */
  services: ReadonlySet<ServiceName>;
  nodeEnv: NodeEnvironment;
  production: boolean;
  host: string;
  gatewayPort: number;
  organizationPort: number;
  planningPort: number;
  evaluationPort: number;
  reportingPort: number;
  /** External PostgreSQL; when absent, embedded PostgreSQL keeps its data under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  realm: string;
  audience: string;
  portalClientId: string;
  dashboardsClientId: string;
  /** A real Keycloak; when absent, the development identity provider runs on devIdpPort. */
  keycloak: { url: string; adminClientId: string; adminClientSecret: string } | undefined;
  devIdpPort: number;
  /** Public URL of each subgraph when they run elsewhere (else they run in this process). */
  organizationUrl: string | undefined;
  planningUrl: string | undefined;
  evaluationUrl: string | undefined;
  reportingUrl: string | undefined;
  /** Temporal (TEMPORAL_ADDRESS, `local` for the SDK's development server); null: orchestration off. */
  temporal: TemporalConfig | null;
  /** A development clock (CLOCK_AT, an ISO instant with its offset): the system starts there and moves on. Never in production. */
  clockAt: Date | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function readClockAt(env: Record<string, string | undefined>, production: boolean): Date | null {
  const text = readOptional(env, 'CLOCK_AT');
  if (!text) return null;
  if (production) throw new ConfigError('CLOCK_AT is a development clock: it is refused when NODE_ENV=production');
  const at = new Date(text);
  if (!INSTANT.test(text) || Number.isNaN(at.getTime())) throw new ConfigError(`CLOCK_AT must be an instant with its offset, e.g. 2026-12-20T09:00+07:00 (got "${text}")`);
  return at;
}

export function readConfig(env: Record<string, string | undefined> = process.env, root = join(__dirname, '..', '..')): SystemConfig {
  const nodeEnv = readNodeEnv(env);
  const port = { min: 0, max: 65535 };
  const keycloakUrl = readUrl(env, 'KEYCLOAK_URL');
  const databaseUrl = readOptional(env, 'DATABASE_URL');
  const services = new Set<ServiceName>();
  for (const name of (readOptional(env, 'SERVICES') ?? serviceNames.join(',')).split(',').map((s) => s.trim())) {
    if (!(serviceNames as readonly string[]).includes(name)) throw new ConfigError(`SERVICES lists unknown service "${name}" (known: ${serviceNames.join(', ')})`);
    services.add(name as ServiceName);
  }
  // The organization subgraph manages accounts, so it hosts the development identity provider.
  const runsSubgraph = services.has('organization');
  if (!runsSubgraph && !keycloakUrl) {
    throw new ConfigError('KEYCLOAK_URL is required when this process does not run the organization subgraph (tokens are validated against that realm)');
  }
  if (nodeEnv === 'production' && !keycloakUrl) {
    throw new ConfigError('KEYCLOAK_URL is required when NODE_ENV=production (the development identity provider never runs in production)');
  }
  if (nodeEnv === 'production' && services.size === 1 && services.has('worker') && !readOptional(env, 'TEMPORAL_ADDRESS')) {
    throw new ConfigError('TEMPORAL_ADDRESS is required for a process that only runs the Temporal worker');
  }
  if (nodeEnv === 'production' && (runsSubgraph || services.has('planning') || services.has('evaluation') || services.has('reporting') || services.has('worker')) && !databaseUrl) {
    throw new ConfigError('DATABASE_URL is required when NODE_ENV=production');
  }
  return {
    services,
    nodeEnv,
    production: nodeEnv === 'production',
    host: readString(env, 'HOST', '127.0.0.1'),
    gatewayPort: readInt(env, 'GATEWAY_PORT', 4000, port),
    organizationPort: readInt(env, 'ORGANIZATION_PORT', 4001, port),
    planningPort: readInt(env, 'PLANNING_PORT', 4002, port),
    evaluationPort: readInt(env, 'EVALUATION_PORT', 4003, port),
    reportingPort: readInt(env, 'REPORTING_PORT', 4004, port),
    databaseUrl,
    dataDir: readString(env, 'DATA_DIR', join(root, '.data')),
    embeddedPostgresPort: readInt(env, 'EMBEDDED_POSTGRES_PORT', 54329, { min: 1, max: 65535 }),
    realm: readString(env, 'KEYCLOAK_REALM', 'hanoi'),
    audience: readString(env, 'KEYCLOAK_AUDIENCE', 'cbccvc-api'),
    portalClientId: readString(env, 'KEYCLOAK_PORTAL_CLIENT_ID', 'cbccvc-portal'),
    dashboardsClientId: readString(env, 'KEYCLOAK_DASHBOARDS_CLIENT_ID', 'cbccvc-dashboards'),
    keycloak: keycloakUrl
      ? {
          url: keycloakUrl,
          adminClientId: readString(env, 'KEYCLOAK_ADMIN_CLIENT_ID', 'cbccvc-admin'),
          // Only the processes that manage accounts need the admin client's secret: the organization
          // subgraph, and the worker that locks accounts past their password deadline.
          adminClientSecret: runsSubgraph || (services.has('worker') && readOptional(env, 'TEMPORAL_ADDRESS')) ? readString(env, 'KEYCLOAK_ADMIN_CLIENT_SECRET') : '',
        }
      : undefined,
    devIdpPort: readInt(env, 'DEV_IDP_PORT', 4080, port),
    organizationUrl: readUrl(env, 'ORGANIZATION_URL'),
    planningUrl: readUrl(env, 'PLANNING_URL'),
    evaluationUrl: readUrl(env, 'EVALUATION_URL'),
    reportingUrl: readUrl(env, 'REPORTING_URL'),
    temporal: readTemporalConfig(env),
    clockAt: readClockAt(env, nodeEnv === 'production'),
  };
}
