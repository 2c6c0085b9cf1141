import { useState } from 'react';
import { shownError, type ShownError } from './errors';

/**
 * A user's action on a screen: the API's refusal kept to be shown (in Vietnamese, naming its field),
 * the screen's data reloaded after a success.
 */
export function useAction(afterSuccess?: () => Promise<unknown>) {
  const [problem, setProblem] = useState<ShownError | null>(null);
  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setProblem(null);
    try {
      await work();
      await afterSuccess?.();
    } catch (e) {
      setProblem(shownError(e));
    }
  };
  return { problem, run };
}
