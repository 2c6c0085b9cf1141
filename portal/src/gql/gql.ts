/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WhoAmI {\n    me {\n      username\n      unreadNotificationCount\n      person { id name unit { id name } position { rank } }\n    }\n  }\n": typeof types.WhoAmIDocument,
    "\n  query AwaitingMe($month: String!) {\n    plansToApprove(month: $month) { id version plannedSize person { id name } tasks { id title size } }\n    formsAwaitingMe(month: $month) { id version state score person { id name position { name } } commenter { id } }\n    me { person { id } }\n  }\n": typeof types.AwaitingMeDocument,
    "mutation ApprovePlan($id: ID!, $version: Int!) { approvePlan(id: $id, expectedVersion: $version) { id status } }": typeof types.ApprovePlanDocument,
    "mutation ReturnPlan($id: ID!, $version: Int!, $reason: String!) { returnPlan(id: $id, expectedVersion: $version, reason: $reason) { id status } }": typeof types.ReturnPlanDocument,
    "mutation CommentForm($id: ID!, $version: Int!, $comment: String!) { commentEvaluation(id: $id, expectedVersion: $version, input: { comment: $comment }) { id state } }": typeof types.CommentFormDocument,
    "\n  query MyQuotaScopes($deciderId: ID!, $month: String!) {\n    quotaGroups(deciderId: $deciderId, month: $month) {\n      key name quotaBase percent size base cap granted undecided\n      groups { id name size base cap granted undecided members { person { id } fullName state finalGrade } }\n    }\n  }\n": typeof types.MyQuotaScopesDocument,
    "\n  query PreviewDecision($input: DecisionInput!) {\n    previewDecision(input: $input) {\n      cap base granted scopeCap scopeGranted room undecidedOutside exceeded exceededExplanation\n      needsChoice { id name }\n      members { person { id name } score band grade explanation }\n    }\n  }\n": typeof types.PreviewDecisionDocument,
    "\n  mutation DecideGroup($input: DecisionInput!) {\n    decideEvaluations(input: $input) { granted members { person { id } grade } }\n  }\n": typeof types.DecideGroupDocument,
    "\n  query MyNotifications {\n    me {\n      unreadNotificationCount\n      notifications(first: 50) { id kind title body deadline createdAt readAt }\n    }\n  }\n": typeof types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query MyPlan($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      unit { id name }\n      plan(month: $month) {\n        id version status returnReason plannedSize\n        tasks { id title quantity size adHoc arising completedOn catalogueItem { unitOfMeasure } }\n      }\n    }\n  }\n": typeof types.MyPlanDocument,
    "\n  query UnitCatalogue($unitId: ID!, $month: String!) {\n    catalogue(unitId: $unitId, month: $month) { id standardUnit items { id code name unitOfMeasure factor complexityGroup } }\n  }\n": typeof types.UnitCatalogueDocument,
    "mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id version } }": typeof types.CreatePlanDocument,
    "mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { id } }": typeof types.AddTaskDocument,
    "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, expectedVersion: $version) { id status } }": typeof types.SubmitPlanDocument,
    "\n  query SelfAssessment($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      position { criteriaForm }\n      unit { jurisdiction { policyId } }\n      kpi(month: $month) { kpi pending }\n      evaluationForm(month: $month) {\n        id version state form frameworkVersion statedGrade deadline comment finalScore finalGrade quotaExplanation\n        scores { code score }\n        deductions { code points reason }\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n": typeof types.SelfAssessmentDocument,
    "\n  query Framework($form: CriteriaForm!, $month: String!) {\n    criteriaFramework(form: $form, month: $month) {\n      form version effectiveFrom title appliesTo generalMax taskResultsMax\n      groups { code title max criteria { code text max } sections { code title max } }\n    }\n  }\n": typeof types.FrameworkDocument,
    "\n  mutation OpenForm($month: String!) { openEvaluationForm(month: $month) { id version } }\n": typeof types.OpenFormDocument,
    "\n  mutation SaveSelfAssessment($id: ID!, $version: Int!, $input: SelfAssessmentInput!) {\n    saveSelfAssessment(id: $id, expectedVersion: $version, input: $input) { id version state }\n  }\n": typeof types.SaveSelfAssessmentDocument,
    "\n  mutation SubmitSelfAssessment($id: ID!, $version: Int!) {\n    submitSelfAssessment(id: $id, expectedVersion: $version) { id version state }\n  }\n": typeof types.SubmitSelfAssessmentDocument,
    "\n  query ThisMonth($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      name\n      position { name }\n      unit { name jurisdiction { policyId } }\n      plan(month: $month) { id status returnReason tasks { id } }\n      evaluationForm(month: $month) {\n        id state deadline score band finalScore finalGrade quotaExplanation\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n": typeof types.ThisMonthDocument,
    "\n  query UnitStatus($unitId: ID!, $month: String!) {\n    unitPlanStatus(unitId: $unitId, month: $month) { person { id } status taskCount }\n    unitEvaluationStatus(unitId: $unitId, month: $month) {\n      person { id name position { name } }\n      state\n      needsPlanOrExemption\n      exemption { text note }\n      form { commenter { name } decider { name } }\n    }\n  }\n": typeof types.UnitStatusDocument,
    "\n  query UnitSummaryList($unitId: ID!, $month: String!) {\n    unitSummary(unitId: $unitId, month: $month) {\n      published\n      rows { section number person { id } fullName positionName taskPoints selfGrade finalGrade exemption decidedBy }\n    }\n  }\n": typeof types.UnitSummaryListDocument,
    "\n  query OfficialDocument($unitId: ID!, $month: String!, $format: DocumentFormat!) {\n    officialDocument(kind: SUMMARY_01A, format: $format, month: $month, unitId: $unitId) { filename contentType base64 }\n  }\n": typeof types.OfficialDocumentDocument,
};
const documents: Documents = {
    "\n  query WhoAmI {\n    me {\n      username\n      unreadNotificationCount\n      person { id name unit { id name } position { rank } }\n    }\n  }\n": types.WhoAmIDocument,
    "\n  query AwaitingMe($month: String!) {\n    plansToApprove(month: $month) { id version plannedSize person { id name } tasks { id title size } }\n    formsAwaitingMe(month: $month) { id version state score person { id name position { name } } commenter { id } }\n    me { person { id } }\n  }\n": types.AwaitingMeDocument,
    "mutation ApprovePlan($id: ID!, $version: Int!) { approvePlan(id: $id, expectedVersion: $version) { id status } }": types.ApprovePlanDocument,
    "mutation ReturnPlan($id: ID!, $version: Int!, $reason: String!) { returnPlan(id: $id, expectedVersion: $version, reason: $reason) { id status } }": types.ReturnPlanDocument,
    "mutation CommentForm($id: ID!, $version: Int!, $comment: String!) { commentEvaluation(id: $id, expectedVersion: $version, input: { comment: $comment }) { id state } }": types.CommentFormDocument,
    "\n  query MyQuotaScopes($deciderId: ID!, $month: String!) {\n    quotaGroups(deciderId: $deciderId, month: $month) {\n      key name quotaBase percent size base cap granted undecided\n      groups { id name size base cap granted undecided members { person { id } fullName state finalGrade } }\n    }\n  }\n": types.MyQuotaScopesDocument,
    "\n  query PreviewDecision($input: DecisionInput!) {\n    previewDecision(input: $input) {\n      cap base granted scopeCap scopeGranted room undecidedOutside exceeded exceededExplanation\n      needsChoice { id name }\n      members { person { id name } score band grade explanation }\n    }\n  }\n": types.PreviewDecisionDocument,
    "\n  mutation DecideGroup($input: DecisionInput!) {\n    decideEvaluations(input: $input) { granted members { person { id } grade } }\n  }\n": types.DecideGroupDocument,
    "\n  query MyNotifications {\n    me {\n      unreadNotificationCount\n      notifications(first: 50) { id kind title body deadline createdAt readAt }\n    }\n  }\n": types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query MyPlan($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      unit { id name }\n      plan(month: $month) {\n        id version status returnReason plannedSize\n        tasks { id title quantity size adHoc arising completedOn catalogueItem { unitOfMeasure } }\n      }\n    }\n  }\n": types.MyPlanDocument,
    "\n  query UnitCatalogue($unitId: ID!, $month: String!) {\n    catalogue(unitId: $unitId, month: $month) { id standardUnit items { id code name unitOfMeasure factor complexityGroup } }\n  }\n": types.UnitCatalogueDocument,
    "mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id version } }": types.CreatePlanDocument,
    "mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { id } }": types.AddTaskDocument,
    "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, expectedVersion: $version) { id status } }": types.SubmitPlanDocument,
    "\n  query SelfAssessment($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      position { criteriaForm }\n      unit { jurisdiction { policyId } }\n      kpi(month: $month) { kpi pending }\n      evaluationForm(month: $month) {\n        id version state form frameworkVersion statedGrade deadline comment finalScore finalGrade quotaExplanation\n        scores { code score }\n        deductions { code points reason }\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n": types.SelfAssessmentDocument,
    "\n  query Framework($form: CriteriaForm!, $month: String!) {\n    criteriaFramework(form: $form, month: $month) {\n      form version effectiveFrom title appliesTo generalMax taskResultsMax\n      groups { code title max criteria { code text max } sections { code title max } }\n    }\n  }\n": types.FrameworkDocument,
    "\n  mutation OpenForm($month: String!) { openEvaluationForm(month: $month) { id version } }\n": types.OpenFormDocument,
    "\n  mutation SaveSelfAssessment($id: ID!, $version: Int!, $input: SelfAssessmentInput!) {\n    saveSelfAssessment(id: $id, expectedVersion: $version, input: $input) { id version state }\n  }\n": types.SaveSelfAssessmentDocument,
    "\n  mutation SubmitSelfAssessment($id: ID!, $version: Int!) {\n    submitSelfAssessment(id: $id, expectedVersion: $version) { id version state }\n  }\n": types.SubmitSelfAssessmentDocument,
    "\n  query ThisMonth($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      name\n      position { name }\n      unit { name jurisdiction { policyId } }\n      plan(month: $month) { id status returnReason tasks { id } }\n      evaluationForm(month: $month) {\n        id state deadline score band finalScore finalGrade quotaExplanation\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n": types.ThisMonthDocument,
    "\n  query UnitStatus($unitId: ID!, $month: String!) {\n    unitPlanStatus(unitId: $unitId, month: $month) { person { id } status taskCount }\n    unitEvaluationStatus(unitId: $unitId, month: $month) {\n      person { id name position { name } }\n      state\n      needsPlanOrExemption\n      exemption { text note }\n      form { commenter { name } decider { name } }\n    }\n  }\n": types.UnitStatusDocument,
    "\n  query UnitSummaryList($unitId: ID!, $month: String!) {\n    unitSummary(unitId: $unitId, month: $month) {\n      published\n      rows { section number person { id } fullName positionName taskPoints selfGrade finalGrade exemption decidedBy }\n    }\n  }\n": types.UnitSummaryListDocument,
    "\n  query OfficialDocument($unitId: ID!, $month: String!, $format: DocumentFormat!) {\n    officialDocument(kind: SUMMARY_01A, format: $format, month: $month, unitId: $unitId) { filename contentType base64 }\n  }\n": types.OfficialDocumentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAmI {\n    me {\n      username\n      unreadNotificationCount\n      person { id name unit { id name } position { rank } }\n    }\n  }\n"): (typeof documents)["\n  query WhoAmI {\n    me {\n      username\n      unreadNotificationCount\n      person { id name unit { id name } position { rank } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AwaitingMe($month: String!) {\n    plansToApprove(month: $month) { id version plannedSize person { id name } tasks { id title size } }\n    formsAwaitingMe(month: $month) { id version state score person { id name position { name } } commenter { id } }\n    me { person { id } }\n  }\n"): (typeof documents)["\n  query AwaitingMe($month: String!) {\n    plansToApprove(month: $month) { id version plannedSize person { id name } tasks { id title size } }\n    formsAwaitingMe(month: $month) { id version state score person { id name position { name } } commenter { id } }\n    me { person { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApprovePlan($id: ID!, $version: Int!) { approvePlan(id: $id, expectedVersion: $version) { id status } }"): (typeof documents)["mutation ApprovePlan($id: ID!, $version: Int!) { approvePlan(id: $id, expectedVersion: $version) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReturnPlan($id: ID!, $version: Int!, $reason: String!) { returnPlan(id: $id, expectedVersion: $version, reason: $reason) { id status } }"): (typeof documents)["mutation ReturnPlan($id: ID!, $version: Int!, $reason: String!) { returnPlan(id: $id, expectedVersion: $version, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommentForm($id: ID!, $version: Int!, $comment: String!) { commentEvaluation(id: $id, expectedVersion: $version, input: { comment: $comment }) { id state } }"): (typeof documents)["mutation CommentForm($id: ID!, $version: Int!, $comment: String!) { commentEvaluation(id: $id, expectedVersion: $version, input: { comment: $comment }) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyQuotaScopes($deciderId: ID!, $month: String!) {\n    quotaGroups(deciderId: $deciderId, month: $month) {\n      key name quotaBase percent size base cap granted undecided\n      groups { id name size base cap granted undecided members { person { id } fullName state finalGrade } }\n    }\n  }\n"): (typeof documents)["\n  query MyQuotaScopes($deciderId: ID!, $month: String!) {\n    quotaGroups(deciderId: $deciderId, month: $month) {\n      key name quotaBase percent size base cap granted undecided\n      groups { id name size base cap granted undecided members { person { id } fullName state finalGrade } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewDecision($input: DecisionInput!) {\n    previewDecision(input: $input) {\n      cap base granted scopeCap scopeGranted room undecidedOutside exceeded exceededExplanation\n      needsChoice { id name }\n      members { person { id name } score band grade explanation }\n    }\n  }\n"): (typeof documents)["\n  query PreviewDecision($input: DecisionInput!) {\n    previewDecision(input: $input) {\n      cap base granted scopeCap scopeGranted room undecidedOutside exceeded exceededExplanation\n      needsChoice { id name }\n      members { person { id name } score band grade explanation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideGroup($input: DecisionInput!) {\n    decideEvaluations(input: $input) { granted members { person { id } grade } }\n  }\n"): (typeof documents)["\n  mutation DecideGroup($input: DecisionInput!) {\n    decideEvaluations(input: $input) { granted members { person { id } grade } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotifications {\n    me {\n      unreadNotificationCount\n      notifications(first: 50) { id kind title body deadline createdAt readAt }\n    }\n  }\n"): (typeof documents)["\n  query MyNotifications {\n    me {\n      unreadNotificationCount\n      notifications(first: 50) { id kind title body deadline createdAt readAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlan($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      unit { id name }\n      plan(month: $month) {\n        id version status returnReason plannedSize\n        tasks { id title quantity size adHoc arising completedOn catalogueItem { unitOfMeasure } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPlan($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      unit { id name }\n      plan(month: $month) {\n        id version status returnReason plannedSize\n        tasks { id title quantity size adHoc arising completedOn catalogueItem { unitOfMeasure } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitCatalogue($unitId: ID!, $month: String!) {\n    catalogue(unitId: $unitId, month: $month) { id standardUnit items { id code name unitOfMeasure factor complexityGroup } }\n  }\n"): (typeof documents)["\n  query UnitCatalogue($unitId: ID!, $month: String!) {\n    catalogue(unitId: $unitId, month: $month) { id standardUnit items { id code name unitOfMeasure factor complexityGroup } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id version } }"): (typeof documents)["mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { id } }"): (typeof documents)["mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, expectedVersion: $version) { id status } }"): (typeof documents)["mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, expectedVersion: $version) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SelfAssessment($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      position { criteriaForm }\n      unit { jurisdiction { policyId } }\n      kpi(month: $month) { kpi pending }\n      evaluationForm(month: $month) {\n        id version state form frameworkVersion statedGrade deadline comment finalScore finalGrade quotaExplanation\n        scores { code score }\n        deductions { code points reason }\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SelfAssessment($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      position { criteriaForm }\n      unit { jurisdiction { policyId } }\n      kpi(month: $month) { kpi pending }\n      evaluationForm(month: $month) {\n        id version state form frameworkVersion statedGrade deadline comment finalScore finalGrade quotaExplanation\n        scores { code score }\n        deductions { code points reason }\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Framework($form: CriteriaForm!, $month: String!) {\n    criteriaFramework(form: $form, month: $month) {\n      form version effectiveFrom title appliesTo generalMax taskResultsMax\n      groups { code title max criteria { code text max } sections { code title max } }\n    }\n  }\n"): (typeof documents)["\n  query Framework($form: CriteriaForm!, $month: String!) {\n    criteriaFramework(form: $form, month: $month) {\n      form version effectiveFrom title appliesTo generalMax taskResultsMax\n      groups { code title max criteria { code text max } sections { code title max } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenForm($month: String!) { openEvaluationForm(month: $month) { id version } }\n"): (typeof documents)["\n  mutation OpenForm($month: String!) { openEvaluationForm(month: $month) { id version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSelfAssessment($id: ID!, $version: Int!, $input: SelfAssessmentInput!) {\n    saveSelfAssessment(id: $id, expectedVersion: $version, input: $input) { id version state }\n  }\n"): (typeof documents)["\n  mutation SaveSelfAssessment($id: ID!, $version: Int!, $input: SelfAssessmentInput!) {\n    saveSelfAssessment(id: $id, expectedVersion: $version, input: $input) { id version state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitSelfAssessment($id: ID!, $version: Int!) {\n    submitSelfAssessment(id: $id, expectedVersion: $version) { id version state }\n  }\n"): (typeof documents)["\n  mutation SubmitSelfAssessment($id: ID!, $version: Int!) {\n    submitSelfAssessment(id: $id, expectedVersion: $version) { id version state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThisMonth($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      name\n      position { name }\n      unit { name jurisdiction { policyId } }\n      plan(month: $month) { id status returnReason tasks { id } }\n      evaluationForm(month: $month) {\n        id state deadline score band finalScore finalGrade quotaExplanation\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ThisMonth($personId: ID!, $month: String!) {\n    person(id: $personId) {\n      id\n      name\n      position { name }\n      unit { name jurisdiction { policyId } }\n      plan(month: $month) { id status returnReason tasks { id } }\n      evaluationForm(month: $month) {\n        id state deadline score band finalScore finalGrade quotaExplanation\n        commenter { name }\n        decider { name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitStatus($unitId: ID!, $month: String!) {\n    unitPlanStatus(unitId: $unitId, month: $month) { person { id } status taskCount }\n    unitEvaluationStatus(unitId: $unitId, month: $month) {\n      person { id name position { name } }\n      state\n      needsPlanOrExemption\n      exemption { text note }\n      form { commenter { name } decider { name } }\n    }\n  }\n"): (typeof documents)["\n  query UnitStatus($unitId: ID!, $month: String!) {\n    unitPlanStatus(unitId: $unitId, month: $month) { person { id } status taskCount }\n    unitEvaluationStatus(unitId: $unitId, month: $month) {\n      person { id name position { name } }\n      state\n      needsPlanOrExemption\n      exemption { text note }\n      form { commenter { name } decider { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitSummaryList($unitId: ID!, $month: String!) {\n    unitSummary(unitId: $unitId, month: $month) {\n      published\n      rows { section number person { id } fullName positionName taskPoints selfGrade finalGrade exemption decidedBy }\n    }\n  }\n"): (typeof documents)["\n  query UnitSummaryList($unitId: ID!, $month: String!) {\n    unitSummary(unitId: $unitId, month: $month) {\n      published\n      rows { section number person { id } fullName positionName taskPoints selfGrade finalGrade exemption decidedBy }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfficialDocument($unitId: ID!, $month: String!, $format: DocumentFormat!) {\n    officialDocument(kind: SUMMARY_01A, format: $format, month: $month, unitId: $unitId) { filename contentType base64 }\n  }\n"): (typeof documents)["\n  query OfficialDocument($unitId: ID!, $month: String!, $format: DocumentFormat!) {\n    officialDocument(kind: SUMMARY_01A, format: $format, month: $month, unitId: $unitId) { filename contentType base64 }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;