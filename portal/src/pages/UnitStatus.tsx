import { useQuery } from '@apollo/client/react';
import { Alert, Card, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { serverNow } from '../auth';
import { shownError } from '../errors';
import { hanoiMonth, monthLabel } from '../format';
import { graphql } from '../gql';
import { FORM_STATE, PLAN_STATUS } from '../labels';
import { StatusTag } from '../StatusTag';

const StatusQuery = graphql(`
  query UnitStatus($unitId: ID!, $month: String!) {
    unitPlanStatus(unitId: $unitId, month: $month) { person { id } status taskCount }
    unitEvaluationStatus(unitId: $unitId, month: $month) {
      person { id name position { name } }
      state
      needsPlanOrExemption
      exemption { text note }
      form { commenter { name } decider { name } }
    }
  }
`);

/** Tình hình đơn vị: who has not planned, submitted, been commented on or decided; who is exempt and why. */
export function UnitStatus({ unitId }: { unitId: string }) {
  const month = hanoiMonth(serverNow());
  const { data, loading, error } = useQuery(StatusQuery, { variables: { unitId, month } });
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được tình hình đơn vị" description={shownError(error).message} />;
  const plans = new Map((data?.unitPlanStatus ?? []).map((r) => [r.person.id, r]));
  const rows = (data?.unitEvaluationStatus ?? []).map((r) => ({ ...r, plan: plans.get(r.person.id) }));
  if (rows.length === 0) return <Empty description="Đơn vị chưa có thành viên" />;
  const count = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).length;
  const notPlanned = count((r) => !r.exemption && r.plan?.status !== 'APPROVED');
  const notSubmitted = count((r) => !r.exemption && (r.state === null || r.state === 'DRAFT'));
  const undecided = count((r) => !r.exemption && r.state !== 'DECIDED' && r.state !== 'PUBLISHED');
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Tình hình đơn vị — {monthLabel(month)}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }} data-testid="status-counts">
        <StatusTag tone={notPlanned ? 'warning' : 'success'}>Chưa có kế hoạch được duyệt: {notPlanned}</StatusTag>
        <StatusTag tone={notSubmitted ? 'warning' : 'success'}>Chưa gửi tự đánh giá: {notSubmitted}</StatusTag>
        <StatusTag tone={undecided ? 'info' : 'success'}>Chưa có quyết định: {undecided}</StatusTag>
        <StatusTag>Không đánh giá tháng này: {count((r) => Boolean(r.exemption))}</StatusTag>
      </Space>
      <Card>
        <div role="region" aria-label="Tình hình từng người" tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r.person.id}
            dataSource={rows}
            columns={[
              { title: 'Họ và tên', render: (_: unknown, r) => <>{r.person.name}<br /><Typography.Text type="secondary">{r.person.position.name}</Typography.Text></> },
              { title: 'Kế hoạch', render: (_: unknown, r) => (r.plan?.status ? <StatusTag tone={PLAN_STATUS[r.plan.status]?.tone}>{PLAN_STATUS[r.plan.status]?.short}</StatusTag> : <StatusTag tone="warning">Chưa lập</StatusTag>) },
              {
                title: 'Phiếu đánh giá',
                render: (_: unknown, r) =>
                  r.exemption ? <StatusTag>Không đánh giá: {r.exemption.text}{r.exemption.note ? ` (${r.exemption.note})` : ''}</StatusTag>
                    : r.state ? <StatusTag tone={FORM_STATE[r.state]?.tone}>{FORM_STATE[r.state]?.short}</StatusTag> : <StatusTag tone="warning">Chưa mở</StatusTag>,
              },
              { title: 'Cần xử lý', render: (_: unknown, r) => (r.needsPlanOrExemption ? 'Cần kế hoạch hoặc cho không đánh giá' : '') },
              { title: 'Nhận xét / quyết định', render: (_: unknown, r) => [r.form?.commenter?.name, r.form?.decider?.name].filter(Boolean).join(' / ') },
            ]}
          />
        </div>
      </Card>
    </>
  );
}
