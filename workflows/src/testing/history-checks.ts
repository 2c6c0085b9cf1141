/** Structural checks of a workflow history in proto JSON form (recorded here or exported from a server). */
import { usOf, type JsonHistory, type JsonHistoryEvent } from './history-recorder';

type Attributes = Record<string, unknown>;
const attributesOf = (e: JsonHistoryEvent): Attributes => Object.entries(e).find(([k]) => k.endsWith('EventAttributes'))?.[1] as Attributes;

/** Which event type each reference field of an event's attributes must point to. */
const REFERENCES: Record<string, Record<string, string[]>> = {
  EVENT_TYPE_WORKFLOW_TASK_STARTED: { scheduledEventId: ['WORKFLOW_TASK_SCHEDULED'] },
  EVENT_TYPE_WORKFLOW_TASK_COMPLETED: { scheduledEventId: ['WORKFLOW_TASK_SCHEDULED'], startedEventId: ['WORKFLOW_TASK_STARTED'] },
  EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_ACTIVITY_TASK_STARTED: { scheduledEventId: ['ACTIVITY_TASK_SCHEDULED'] },
  EVENT_TYPE_ACTIVITY_TASK_COMPLETED: { scheduledEventId: ['ACTIVITY_TASK_SCHEDULED'], startedEventId: ['ACTIVITY_TASK_STARTED'] },
  EVENT_TYPE_TIMER_STARTED: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_TIMER_FIRED: { startedEventId: ['TIMER_STARTED'] },
  EVENT_TYPE_TIMER_CANCELED: { startedEventId: ['TIMER_STARTED'], workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_MARKER_RECORDED: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED: { initiatedEventId: ['START_CHILD_WORKFLOW_EXECUTION_INITIATED'], workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
  EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED: { initiatedEventId: ['START_CHILD_WORKFLOW_EXECUTION_INITIATED'] },
  EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED: { initiatedEventId: ['START_CHILD_WORKFLOW_EXECUTION_INITIATED'], startedEventId: ['CHILD_WORKFLOW_EXECUTION_STARTED'] },
  EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: { workflowTaskCompletedEventId: ['WORKFLOW_TASK_COMPLETED'] },
};

/**
 * The problems of a history, empty when it is well formed: event ids 1, 2, 3…; it starts with
 * WorkflowExecutionStarted; every reference (scheduledEventId, startedEventId, initiatedEventId,
 * workflowTaskCompletedEventId) points back to an earlier event of the right type; every workflow
 * task is scheduled, started, then completed; the workflow's clock (the times of WorkflowTaskStarted)
 * never goes backwards. Other event times may: a server writes a signal that arrived during a
 * workflow task after that task's events, and ActivityTaskStarted when the attempt ends.
 */
export function historyProblems(history: JsonHistory): string[] {
  const problems: string[] = [];
  const events = history.events;
  if (events[0]?.eventType !== 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED') problems.push('the first event is not WorkflowExecutionStarted');
  let lastTime = -Infinity;
  events.forEach((e, i) => {
    if (e.eventId !== String(i + 1)) problems.push(`event #${i + 1} has id ${e.eventId}`);
    if (!attributesOf(e)) problems.push(`event ${e.eventId} has no attributes`);
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') {
      if (usOf(e.eventTime) < lastTime) problems.push(`workflow task started ${e.eventId} (${e.eventTime}) is earlier than the one before it`);
      lastTime = usOf(e.eventTime);
    }
    for (const [field, types] of Object.entries(REFERENCES[e.eventType] ?? {})) {
      const id = Number(attributesOf(e)?.[field]);
      const target = events[id - 1];
      if (!target || id >= i + 1 || !types.some((t) => target.eventType === `EVENT_TYPE_${t}`)) {
        problems.push(`event ${e.eventId} ${e.eventType}.${field} = ${String(attributesOf(e)?.[field])} does not point back to ${types.join(' or ')}`);
      }
    }
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED' && events[i - 1]?.eventType !== 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED') {
      problems.push(`event ${e.eventId}: a workflow task started without being scheduled just before`);
    }
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED' && events[i - 1]?.eventType !== 'EVENT_TYPE_WORKFLOW_TASK_STARTED') {
      problems.push(`event ${e.eventId}: a workflow task completed without being started just before`);
    }
  });
  return problems;
}
