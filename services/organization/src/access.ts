import type { EntityManager } from '@mikro-orm/postgresql';
import { administeredBlocks, forbidden, hasRole, Role, type Block, type Principal } from '@cbccvc/platform';
import type { Person, Unit } from './entities';
import { record, type Loaders } from './loaders';

type CallerRow = Record<string, unknown> & { position_rank: string };

/**
 * Who a token subject is (person and rank), remembered for a few seconds per process: every request
 * needs it, and it changes only through rare administrative acts (a transfer, a new position) that
 * are then visible at most `ttlMs` later — far less than the lifetime of the token itself.
 */
export class CallerCache {
  private readonly entries = new Map<string, { row: CallerRow; at: number }>();
  constructor(private readonly ttlMs = 3000, private readonly maxEntries = 50_000) {}

  get(subject: string): CallerRow | undefined {
    const entry = this.entries.get(subject);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.entries.delete(subject);
      return undefined;
    }
    return entry.row;
  }

  set(subject: string, row: CallerRow): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(subject, { row, at: Date.now() });
  }
}

/**
 * Role and scope of the caller, resolved lazily and once per request.
 * - city admin: everything;
 * - block admin: units of the blocks it administers, inside its own jurisdiction (district/ward);
 * - focal point: its own unit's people and their evaluation chain;
 * - leaders (head, deputy): read their unit's subtree; everybody reads their own unit and themself.
 */
export class Access {
  private callerPromise?: Promise<Person | null>;
  private jurisdictionPromise?: Promise<string | null>;
  private focalUnitsPromise?: Promise<Set<string>>;
  private callerRank?: string;

  constructor(
    readonly principal: Principal,
    private readonly em: EntityManager,
    private readonly loaders: Loaders,
    private readonly callers: CallerCache,
  ) {}

  get isCityAdmin(): boolean {
    return hasRole(this.principal, Role.CITY_ADMIN);
  }

  get adminBlocks(): Block[] {
    return administeredBlocks(this.principal);
  }

  get isAdmin(): boolean {
    return this.isCityAdmin || this.adminBlocks.length > 0;
  }

  /** The person behind the token: the account whose identity-provider id is the token subject. */
  caller(): Promise<Person | null> {
    // One query on every request's path: the account, its person and the position's rank together.
    this.callerPromise ??= (async () => {
      const remembered = this.callers.get(this.principal.subject);
      const [row] = remembered ? [remembered] : ((await this.em.getConnection().execute(
        `select p.*, po.rank as position_rank from organization.account a
           join organization.person p on p.id = a.person_id
           join organization.position po on po.id = p.position_id
          where a.idp_user_id = ? and a.status <> 'LOCKED'`,
        [this.principal.subject],
        'all',
        this.em.getTransactionContext(),
      )) as CallerRow[]);
      if (!row) return null;
      if (!remembered) this.callers.set(this.principal.subject, row);
      const { position_rank: rank, ...personRow } = row;
      this.callerRank = rank;
      const person = record<Person>(personRow);
      // Only a fresh row feeds the request's loader: a remembered one serves scope checks alone.
      if (!remembered) this.loaders.person.prime(person.id, person);
      return person;
    })();
    return this.callerPromise;
  }

  /**
   * A block admin's jurisdiction is that of its own unit: the unit of its person record, which
   * follows a transfer at once, or else the token's unit_id claim.
   */
  adminJurisdictionId(): Promise<string | null> {
    this.jurisdictionPromise ??= (async () => {
      const caller = await this.caller();
      const unitId = caller?.unitId ?? this.principal.unitId;
      if (!unitId || !/^[0-9a-f-]{36}$/i.test(unitId)) return null;
      return (await this.loaders.unit.load(unitId.toLowerCase()))?.jurisdictionId ?? null;
    })();
    return this.jurisdictionPromise;
  }

  focalPointUnitIds(): Promise<Set<string>> {
    this.focalUnitsPromise ??= this.caller().then(async (person) => {
      if (!person) return new Set<string>();
      // Plain SQL: other subgraphs use this class over their own entity manager.
      const rows = (await this.em
        .getConnection()
        .execute('select unit_id from organization.focal_point where person_id = ?', [person.id], 'all', this.em.getTransactionContext())) as { unit_id: string }[];
      return new Set(rows.map((row) => row.unit_id));
    });
    return this.focalUnitsPromise;
  }

  async administers(unit: Unit): Promise<boolean> {
    if (this.isCityAdmin) return true;
    if (!this.adminBlocks.includes(unit.block)) return false;
    const jurisdictionId = await this.adminJurisdictionId();
    return jurisdictionId !== null && jurisdictionId === unit.jurisdictionId;
  }

  async requireAdmin(unit: Unit, action: string): Promise<void> {
    if (await this.administers(unit)) return;
    if (!this.isAdmin) throw forbidden(`Only a city or block administrator may ${action}`);
    const blocks = this.adminBlocks.join(', ') || 'none';
    throw forbidden(
      `You may not ${action} in unit "${unit.name}" (block ${unit.block}): you administer block(s) ${blocks} of your own district/ward only`,
    );
  }

  async isFocalPointOf(unitId: string): Promise<boolean> {
    return (await this.focalPointUnitIds()).has(unitId);
  }

  /** May read the members of `unit` (and, with `subtree`, of all its sub-units)? */
  async canReadMembersOf(unit: Unit, subtree: boolean): Promise<boolean> {
    if (await this.administers(unit)) return true;
    const caller = await this.caller();
    if (!caller) return false;
    if (await this.leadsSubtreeOf(caller, unit)) return true;
    if (subtree) return false;
    return caller.unitId === unit.id || (await this.isFocalPointOf(unit.id));
  }

  async canReadPerson(person: Person): Promise<boolean> {
    const caller = await this.caller();
    if (caller?.id === person.id) return true;
    const unit = await this.loaders.unit.load(person.unitId);
    return unit !== null && (await this.canReadMembersOf(unit, false));
  }

  async requireReadPerson(person: Person): Promise<void> {
    if (!(await this.canReadPerson(person))) {
      throw forbidden('You may read only yourself, your own unit, the units you lead or the units you administer');
    }
  }

  /** Heads and deputies see the whole subtree of the unit they work in. */
  private async leadsSubtreeOf(caller: Person, unit: Unit): Promise<boolean> {
    if (this.callerRank === 'STAFF') return false;
    return unit.path.includes(`/${caller.unitId}/`);
  }
}
