import { EntitySchema } from '@mikro-orm/core';
import type { Block } from '@cbccvc/platform';
import type { ExternalAuthorityRole, QuotaRule } from '@cbccvc/rules';

/**
 * The organization subgraph's entities, mapped with EntitySchema (no decorators, so ts-jest can
 * transpile file by file). Relations are kept as plain id columns: the subgraph mostly answers
 * set-based queries, and DataLoaders batch the lookups by id.
 */
export type JurisdictionKind = 'CITY' | 'WARD' | 'EXTERNAL';
export type UnitKind =
  | 'PARTY_COMMITTEE' | 'PEOPLES_COUNCIL' | 'PEOPLES_COMMITTEE' | 'FATHERLAND_FRONT' | 'MASS_ORGANISATION'
  | 'ADVISORY_BODY' | 'OFFICE' | 'SERVICE_UNIT' | 'SCHOOL' | 'SUB_UNIT' | 'EXTERNAL_AUTHORITY';
export type StaffKind = 'CADRE' | 'CIVIL_SERVANT' | 'PUBLIC_EMPLOYEE' | 'CONTRACT_PROFESSIONAL' | 'CONTRACT_SUPPORT' | 'NON_SPECIALISED';
export type PositionRank = 'HEAD' | 'DEPUTY' | 'STAFF';
export type CriteriaForm = 'FORM_01' | 'FORM_02' | 'FORM_03' | 'FORM_04';
export type AccountStatus = 'PENDING_PASSWORD_CHANGE' | 'ACTIVE' | 'LOCKED';
/** What the quota's percentage is of (DOMAIN §6): the people graded B, or those at B or better. */
export type QuotaBaseSetting = QuotaRule['base'];

export class Jurisdiction {
  id!: string;
  code!: string;
  name!: string;
  kind!: JurisdictionKind;
  parentId!: string | null;
  policyId!: string;
  /** The jurisdiction's quota base; null keeps the preset's (`policyOf` applies it). */
  quotaBase!: QuotaBaseSetting | null;
}

export class Unit {
  id!: string;
  jurisdictionId!: string;
  parentId!: string | null;
  block!: Block;
  kind!: UnitKind;
  code!: string;
  name!: string;
  /** Materialised path of ids, '/root/…/self/', so a subtree is one indexed prefix match. */
  path!: string;
  searchText!: string;
  closedAt!: Date | null;
  /** Which external authority this unit is (DOMAIN §3), for EXTERNAL_AUTHORITY units. */
  authority!: ExternalAuthorityRole | null;
  version!: number;
}

export class Position {
  id!: string;
  code!: string;
  name!: string;
  rank!: PositionRank;
  leader!: boolean;
  criteriaForm!: CriteriaForm;
  sortOrder!: number;
}

export class Person {
  id!: string;
  fullName!: string;
  email!: string | null;
  staffKind!: StaffKind;
  partyMember!: boolean;
  /** Current unit and position; the dated history is in `Assignment`. */
  unitId!: string;
  positionId!: string;
  active!: boolean;
  searchText!: string;
  version!: number;
}

export class Assignment {
  id!: string;
  personId!: string;
  unitId!: string;
  positionId!: string;
  validFrom!: string;
  /** Exclusive end date; null while current. */
  validTo!: string | null;
  /** A concurrent post (kiêm nhiệm): a leader there, evaluated on the main post. */
  concurrent!: boolean;
}

export class Transfer {
  id!: string;
  personId!: string;
  fromUnitId!: string;
  toUnitId!: string;
  effectiveDate!: string;
  reason!: string | null;
  recordedBy!: string;
  recordedAt!: Date;
}

export class Account {
  id!: string;
  personId!: string;
  username!: string;
  idpUserId!: string;
  status!: AccountStatus;
  issuedAt!: Date;
  /** When the current temporary password was handed out (issue, reset or unlock). */
  temporaryPasswordAt!: Date | null;
  passwordChangeDeadline!: Date | null;
  lockedAt!: Date | null;
  lockedReason!: string | null;
  version!: number;
}

export class FocalPoint {
  unitId!: string;
  personId!: string;
  since!: Date;
}

export class ChainOverride {
  id!: string;
  personId!: string;
  /** The override belongs to the person's unit: after a transfer it no longer applies. */
  unitId!: string;
  effectiveFrom!: string;
  commenterId!: string | null;
  deciderId!: string | null;
  /** Acting for the absent default commenter or decider (quyền, phụ trách thay): shown on forms. */
  acting!: boolean;
  /** The last month it applies to; null: until replaced. */
  untilMonth!: string | null;
  reason!: string;
  setBy!: string;
  setAt!: Date;
}

export class AuditEntry {
  id!: string;
  at!: Date;
  actor!: string;
  action!: string;
  entityType!: string;
  entityId!: string;
  before!: unknown;
  after!: unknown;
}

const uuid = { type: 'uuid', primary: true } as const;
const text = { type: 'text' } as const;
const nullableText = { type: 'text', nullable: true } as const;
const nullableUuid = { type: 'uuid', nullable: true } as const;
const version = { type: 'integer', version: true } as const;

export const entities = [
  new EntitySchema<Jurisdiction>({
    class: Jurisdiction,
    tableName: 'jurisdiction',
    properties: {
      id: uuid, code: text, name: text, kind: text, parentId: nullableUuid, policyId: text, quotaBase: nullableText,
    },
  }),
  new EntitySchema<Unit>({
    class: Unit,
    tableName: 'unit',
    properties: {
      id: uuid, jurisdictionId: { type: 'uuid' }, parentId: nullableUuid, block: text, kind: text, code: text, name: text,
      path: text, searchText: text, closedAt: { type: 'Date', nullable: true }, authority: nullableText, version,
    },
  }),
  new EntitySchema<Position>({
    class: Position,
    tableName: 'position',
    properties: {
      id: uuid, code: text, name: text, rank: text, leader: { type: 'boolean' }, criteriaForm: text, sortOrder: { type: 'integer' },
    },
  }),
  new EntitySchema<Person>({
    class: Person,
    tableName: 'person',
    properties: {
      id: uuid, fullName: text, email: nullableText, staffKind: text, partyMember: { type: 'boolean' },
      unitId: { type: 'uuid' }, positionId: { type: 'uuid' }, active: { type: 'boolean' }, searchText: text, version,
    },
  }),
  new EntitySchema<Assignment>({
    class: Assignment,
    tableName: 'assignment',
    properties: {
      id: uuid, personId: { type: 'uuid' }, unitId: { type: 'uuid' }, positionId: { type: 'uuid' },
      validFrom: { type: 'date' }, validTo: { type: 'date', nullable: true }, concurrent: { type: 'boolean', default: false },
    },
  }),
  new EntitySchema<Transfer>({
    class: Transfer,
    tableName: 'transfer',
    properties: {
      id: uuid, personId: { type: 'uuid' }, fromUnitId: { type: 'uuid' }, toUnitId: { type: 'uuid' },
      effectiveDate: { type: 'date' }, reason: nullableText, recordedBy: text, recordedAt: { type: 'Date' },
    },
  }),
  new EntitySchema<Account>({
    class: Account,
    tableName: 'account',
    properties: {
      id: uuid, personId: { type: 'uuid' }, username: text, idpUserId: text, status: text, issuedAt: { type: 'Date' },
      temporaryPasswordAt: { type: 'Date', nullable: true }, passwordChangeDeadline: { type: 'Date', nullable: true }, lockedAt: { type: 'Date', nullable: true },
      lockedReason: nullableText, version,
    },
  }),
  new EntitySchema<FocalPoint>({
    class: FocalPoint,
    tableName: 'focal_point',
    properties: { unitId: uuid, personId: { type: 'uuid' }, since: { type: 'Date' } },
  }),
  new EntitySchema<ChainOverride>({
    class: ChainOverride,
    tableName: 'chain_override',
    properties: {
      id: uuid, personId: { type: 'uuid' }, unitId: { type: 'uuid' }, effectiveFrom: text, commenterId: nullableUuid,
      deciderId: nullableUuid, acting: { type: 'boolean' }, untilMonth: nullableText, reason: text, setBy: text, setAt: { type: 'Date' },
    },
  }),
  new EntitySchema<AuditEntry>({
    class: AuditEntry,
    tableName: 'audit_log',
    properties: {
      id: { type: 'bigint', primary: true, autoincrement: true }, at: { type: 'Date' }, actor: text, action: text,
      entityType: text, entityId: text, before: { type: 'json', nullable: true }, after: { type: 'json', nullable: true },
    },
  }),
];
