import { parseId } from '../input';
import type { PositionResolvers } from '../generated/resolvers-types';

export const Position: PositionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.position.load(parseId('id', ref.id)),
};
