import { policies, type Policy } from '@cbccvc/rules';
import type { Context } from './context';

/** The rules policy in force in a jurisdiction (stored per jurisdiction, never a constant). */
export async function policyOf(ctx: Pick<Context, 'loaders'>, jurisdictionId: string): Promise<Policy> {
  const jurisdiction = await ctx.loaders.jurisdiction.load(jurisdictionId);
  const policy = jurisdiction ? policies[jurisdiction.policyId as keyof typeof policies] : undefined;
  if (!policy) throw new Error(`jurisdiction ${jurisdictionId} has no known policy`);
  return policy;
}
