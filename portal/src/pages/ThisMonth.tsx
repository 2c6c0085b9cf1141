import { useQuery } from '@apollo/client/react';
import { gradeLabels, monthDeadlines, policies, type Grade, type Policy } from '@cbccvc/rules';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { serverNow } from '../auth';
import { formatDateTime, formatNumber, hanoiMonth, lastMoment, monthLabel, remaining } from '../format';
import { graphql } from '../gql';
import { FORM_STATE, PLAN_STATUS } from '../labels';
import { StatusTag } from '../StatusTag';

const ThisMonthQuery = graphql(`
  query ThisMonth($personId: ID!, $month: String!) {
    person(id: $personId) {
      id
      name
      position { name }
      unit { name jurisdiction { policyId } }
      plan(month: $month) { id status returnReason tasks { id } }
      evaluationForm(month: $month) {
        id state deadline score band finalScore finalGrade quotaExplanation
        commenter { name }
        decider { name }
      }
    }
  }
`);

/** What the person does next, and by when — or who acts now. */
function nextStep(state: string | undefined, commenter: string | null, decider: string | null): string {
  switch (state) {
    case undefined:
    case 'DRAFT':
      return 'Tự chấm điểm các tiêu chí, nêu mức tự xếp loại và gửi phiếu tự đánh giá.';
    case 'SELF_SUBMITTED':
      return commenter ? `Chờ ${commenter} cho ý kiến nhận xét.` : `Chờ ${decider ?? 'cấp có thẩm quyền'} quyết định xếp loại.`;
    case 'COMMENTED':
      return `Chờ ${decider ?? 'cấp có thẩm quyền'} quyết định xếp loại.`;
    case 'DECIDED':
      return 'Chờ công khai kết quả của đơn vị.';
    default:
      return 'Kết quả đã công khai: có thể bảo lưu ý kiến hoặc kiến nghị nếu chưa đồng ý.';
  }
}

export function ThisMonth({ personId }: { personId: string }) {
  const now = serverNow();
  const month = hanoiMonth(now);
  const { data, loading, error } = useQuery(ThisMonthQuery, { variables: { personId, month } });
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được tháng này" description={error.message} />;
  const person = data?.person;
  if (!person) return <Empty description="Không tìm thấy hồ sơ" />;
  const policy: Policy = (policies as Record<string, Policy>)[person.unit.jurisdiction.policyId] ?? policies.hanoi2026;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  // The month's deadlines, computed in the browser by packages/rules as the server computes them.
  const deadlines = monthDeadlines(year, monthNumber, policy);
  const form = person.evaluationForm;
  const steps = [
    { key: 'selfAssessment', title: 'Tự đánh giá', deadline: deadlines.selfAssessment },
    ...(deadlines.comment ? [{ key: 'comment', title: 'Nhận xét', deadline: deadlines.comment }] : []),
    { key: 'decision', title: 'Quyết định xếp loại', deadline: deadlines.decision },
    { key: 'publication', title: 'Công khai', deadline: deadlines.publication },
  ];
  const reached = !form || form.state === 'DRAFT' ? 0 : form.state === 'SELF_SUBMITTED' ? 1 : form.state === 'COMMENTED' ? (deadlines.comment ? 2 : 1) : form.state === 'DECIDED' ? steps.length - 1 : steps.length;
  const plan = person.plan;
  const planStatus = plan ? PLAN_STATUS[plan.status] : undefined;
  const due = form?.deadline ?? deadlines.selfAssessment;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{monthLabel(month)}</Typography.Title>
      <Typography.Paragraph type="secondary">{person.name} · {person.position.name} · {person.unit.name}</Typography.Paragraph>

      <Card title="Việc cần làm tiếp theo" style={{ marginBottom: 16 }}>
        <Typography.Paragraph strong style={{ fontSize: 16 }} data-testid="next-step">
          {nextStep(form?.state, form?.commenter?.name ?? null, form?.decider?.name ?? null)}
        </Typography.Paragraph>
        {form?.state !== 'PUBLISHED' && (
          <Typography.Paragraph>
            Hạn: đến {formatDateTime(lastMoment(due))} (giờ Hà Nội) — <StatusTag tone={Date.parse(due) - now.getTime() < 2 * 86_400_000 ? 'danger' : 'info'}>{remaining(due, now)}</StatusTag>
          </Typography.Paragraph>
        )}
        {(!form || form.state === 'DRAFT') && (
          <Link to="/tu-danh-gia"><Button type="primary" style={{ marginBottom: 16 }}>Tự đánh giá ngay</Button></Link>
        )}
        <Steps
          size="small"
          current={reached}
          items={steps.map((s) => ({ title: s.title, content: `Đến ${formatDateTime(lastMoment(s.deadline))}` }))}
        />
      </Card>

      <Card title="Kế hoạch tháng" style={{ marginBottom: 16 }}>
        {!plan && <Empty description="Chưa lập kế hoạch tháng" />}
        {plan && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="Trạng thái"><StatusTag tone={planStatus?.tone}>{planStatus?.label ?? plan.status}</StatusTag></Descriptions.Item>
            <Descriptions.Item label="Số nhiệm vụ">{plan.tasks.length}</Descriptions.Item>
            {plan.returnReason && <Descriptions.Item label="Lý do trả lại">{plan.returnReason}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>

      <Card title="Phiếu đánh giá">
        {!form && <Empty description="Chưa mở phiếu đánh giá tháng này" />}
        {form && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="Trạng thái">{FORM_STATE[form.state]?.label ?? form.state}</Descriptions.Item>
            <Descriptions.Item label="Điểm tự đánh giá">{form.score == null ? 'Chưa tính được (KPI chưa đủ)' : `${formatNumber(form.score)} điểm${form.band ? ` — ${gradeLabels[form.band as Grade]}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label="Người nhận xét">{form.commenter?.name ?? 'Không có bước nhận xét riêng'}</Descriptions.Item>
            <Descriptions.Item label="Người quyết định">{form.decider?.name ?? 'Cấp có thẩm quyền ngoài phường'}</Descriptions.Item>
            {form.finalGrade && (
              <Descriptions.Item label="Kết quả xếp loại">{formatNumber(form.finalScore ?? 0)} điểm — {gradeLabels[form.finalGrade as Grade]}</Descriptions.Item>
            )}
            {form.quotaExplanation && <Descriptions.Item label="Vì sao">{form.quotaExplanation}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
    </>
  );
}
