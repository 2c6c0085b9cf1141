import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, Input, List, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { serverNow } from '../auth';
import { formatNumber, hanoiMonth, monthLabel } from '../format';
import { graphql } from '../gql';
import { useAction } from '../useAction';

const AwaitingQuery = graphql(`
  query AwaitingMe($month: String!) {
    plansToApprove(month: $month) { id version plannedSize person { id name } tasks { id title size } }
    formsAwaitingMe(month: $month) { id version state score person { id name position { name } } commenter { id } }
    me { person { id } }
  }
`);
const ApprovePlan = graphql(`mutation ApprovePlan($id: ID!, $version: Int!) { approvePlan(id: $id, expectedVersion: $version) { id status } }`);
const ReturnPlan = graphql(`mutation ReturnPlan($id: ID!, $version: Int!, $reason: String!) { returnPlan(id: $id, expectedVersion: $version, reason: $reason) { id status } }`);
const Comment = graphql(`mutation CommentForm($id: ID!, $version: Int!, $comment: String!) { commentEvaluation(id: $id, expectedVersion: $version, input: { comment: $comment }) { id state } }`);

/** Việc cần xử lý: plans to approve or return, self-assessments to comment on (a leader's). */
export function Approvals() {
  const month = hanoiMonth(serverNow());
  const { data, loading, error, refetch } = useQuery(AwaitingQuery, { variables: { month } });
  const [approve] = useMutation(ApprovePlan);
  const [giveBack] = useMutation(ReturnPlan);
  const [comment] = useMutation(Comment);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const { problem, run: act } = useAction(() => refetch());
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được việc cần xử lý" description={error.message} />;
  const me = data?.me.person?.id;
  const toComment = (data?.formsAwaitingMe ?? []).filter((f) => f.state === 'SELF_SUBMITTED' && f.commenter?.id === me);
  const plans = data?.plansToApprove ?? [];
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Việc cần xử lý — {monthLabel(month)}</Typography.Title>
      {problem && <Alert type="error" showIcon role="alert" title={problem.message} style={{ marginBottom: 12 }} />}
      <Card title={`Kế hoạch chờ phê duyệt (${plans.length})`} style={{ marginBottom: 12 }}>
        {plans.length === 0 ? <Empty description="Không có kế hoạch nào chờ phê duyệt" /> : (
          <List
            dataSource={plans}
            renderItem={(plan) => (
              <List.Item data-testid={`plan-${plan.person?.id}`}>
                <div style={{ width: '100%' }}>
                  <Typography.Text strong>{plan.person?.name}</Typography.Text> — {plan.tasks.length} nhiệm vụ, {formatNumber(plan.plannedSize)} đơn vị chuẩn
                  <ul style={{ margin: '6px 0' }}>{plan.tasks.map((t) => <li key={t.id}>{t.title} ({formatNumber(t.size)})</li>)}</ul>
                  <Space wrap>
                    <Button type="primary" onClick={() => void act(() => approve({ variables: { id: plan.id, version: plan.version } }))}>Phê duyệt</Button>
                    <Input aria-label={`Lý do trả lại kế hoạch của ${plan.person?.name}`} placeholder="Lý do trả lại" style={{ width: 220 }} value={texts[plan.id] ?? ''} onChange={(e) => setTexts((p) => ({ ...p, [plan.id]: e.target.value }))} />
                    <Button disabled={!texts[plan.id]?.trim()} onClick={() => void act(() => giveBack({ variables: { id: plan.id, version: plan.version, reason: texts[plan.id]! } }))}>Trả lại</Button>
                  </Space>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={`Phiếu chờ ý kiến nhận xét (${toComment.length})`}>
        {toComment.length === 0 ? <Empty description="Không có phiếu nào chờ nhận xét" /> : (
          <List
            dataSource={toComment}
            renderItem={(form) => (
              <List.Item data-testid={`form-${form.person.id}`}>
                <div style={{ width: '100%' }}>
                  <Typography.Text strong>{form.person.name}</Typography.Text> ({form.person.position.name}) — tự chấm {form.score == null ? 'chưa tính được' : `${formatNumber(form.score)} điểm`}
                  <Input.TextArea aria-label={`Ý kiến nhận xét ${form.person.name}`} rows={2} style={{ margin: '8px 0' }} value={texts[form.id] ?? ''} onChange={(e) => setTexts((p) => ({ ...p, [form.id]: e.target.value }))} />
                  <Button type="primary" disabled={!texts[form.id]?.trim()} onClick={() => void act(() => comment({ variables: { id: form.id, version: form.version, comment: texts[form.id]! } }))}>Gửi ý kiến nhận xét</Button>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
