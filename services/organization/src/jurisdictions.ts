import { LockMode } from '@mikro-orm/core';
import { badInput, forbidden, notFound } from '@cbccvc/platform';
import { audit } from './audit';
import type { Context } from './context';
import { Jurisdiction, type QuotaBaseSetting } from './entities';
import { parseId, requireText } from './input';
import { policyOfJurisdiction } from './policy';
import { write } from './write';

const quotaBases: readonly QuotaBaseSetting[] = ['GRADED_B', 'B_BAND'];

/**
 * Sets what a jurisdiction's A quota is a percentage of (DOMAIN §6, "Base (policy setting)"):
 * `GRADED_B`, the people graded B (the documents' words, the presets' default), or `B_BAND`, the
 * people at B or better. A city administrator's act, audited with its reason. Caps are computed
 * from the policy whenever they are read, so scopes already decided show the new caps at once (a
 * cap that falls below the A granted is reported over cap, never changed silently).
 */
export async function setJurisdictionQuotaBase(ctx: Context, jurisdictionId: string, base: string, reason: string): Promise<Jurisdiction> {
  if (!ctx.access.isCityAdmin) {
    throw forbidden('Chỉ quản trị viên thành phố mới được đặt cơ sở tính tỷ lệ loại A của một địa bàn');
  }
  const id = parseId('jurisdictionId', jurisdictionId);
  if (!quotaBases.includes(base as QuotaBaseSetting)) throw badInput('base', `phải là ${quotaBases.join(' hoặc ')} (nhận được "${base}")`);
  const why = requireText('reason', reason, 500);
  return write(ctx, async (em) => {
    // Locked: two administrators setting it at once are audited one after the other, each with the true "before".
    const jurisdiction = await em.findOne(Jurisdiction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!jurisdiction) throw notFound('jurisdictionId', 'jurisdiction', id);
    const policy = policyOfJurisdiction(jurisdiction);
    if (!policy.quota) {
      throw badInput('base', `quy định ${policy.name} của ${jurisdiction.name} không có tỷ lệ loại A (xếp loại theo khung điểm)`);
    }
    const before = { ...jurisdiction };
    jurisdiction.quotaBase = base as QuotaBaseSetting;
    audit(em, ctx.principal, ctx.clock.now(), 'jurisdiction.quotaBase', 'Jurisdiction', jurisdiction.id, before, { ...jurisdiction, reason: why });
    return jurisdiction;
  });
}
