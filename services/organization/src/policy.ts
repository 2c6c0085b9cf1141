import { policies, type Policy } from '@cbccvc/rules';
import type { Context } from './context';
import type { Jurisdiction, QuotaBaseSetting } from './entities';

/**
 * The presets varied by a jurisdiction's quota base, built once per (preset, base) and shared: a
 * policy is read on hot paths (every score, decision and report), and callers may key caches by
 * it, so the same setting always yields the same frozen object.
 */
const varied = new Map<Policy, Map<QuotaBaseSetting, Policy>>();

/**
 * `preset` with its quota's base replaced by `base` (DOMAIN §6, "Base (policy setting)"). A preset
 * without a quota stays without one; no base, or the preset's own, returns the preset itself.
 */
export function withQuotaBase(preset: Policy, base: QuotaBaseSetting | null | undefined): Policy {
  if (!base || !preset.quota || preset.quota.base === base) return preset;
  let byBase = varied.get(preset);
  if (!byBase) varied.set(preset, (byBase = new Map()));
  let policy = byBase.get(base);
  if (!policy) {
    // The preset is deep-frozen: its shared parts stay frozen, the two new objects are frozen here.
    policy = Object.freeze({ ...preset, quota: Object.freeze({ ...preset.quota, base }) });
    byBase.set(base, policy);
  }
  return policy;
}

/** The policy of a jurisdiction record: its preset (`policyId`) with the jurisdiction's own settings. */
export function policyOfJurisdiction(jurisdiction: Pick<Jurisdiction, 'id' | 'policyId' | 'quotaBase'>): Policy {
  const preset = Object.hasOwn(policies, jurisdiction.policyId) ? (policies as Readonly<Record<string, Policy>>)[jurisdiction.policyId] : undefined;
  if (!preset) throw new Error(`jurisdiction ${jurisdiction.id} has no known policy`);
  return withQuotaBase(preset, jurisdiction.quotaBase);
}

/** The rules policy in force in a jurisdiction (stored per jurisdiction, never a constant). */
export async function policyOf(ctx: Pick<Context, 'loaders'>, jurisdictionId: string): Promise<Policy> {
  const jurisdiction = await ctx.loaders.jurisdiction.load(jurisdictionId);
  if (!jurisdiction) throw new Error(`jurisdiction ${jurisdictionId} has no known policy`);
  return policyOfJurisdiction(jurisdiction);
}
