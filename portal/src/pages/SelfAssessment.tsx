import { useMutation, useQuery } from '@apollo/client/react';
import { formScore, gradeLabels, GRADES, policies, type CriteriaFramework, type Grade, type Policy } from '@cbccvc/rules';
import { Alert, Button, Card, Descriptions, Empty, InputNumber, Select, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { serverNow } from '../auth';
import { formatDateTime, formatNumber, hanoiMonth, lastMoment, monthLabel } from '../format';
import { graphql } from '../gql';
import { StatusTag } from '../StatusTag';
import { useAction } from '../useAction';

const SelfAssessmentQuery = graphql(`
  query SelfAssessment($personId: ID!, $month: String!) {
    person(id: $personId) {
      id
      position { criteriaForm }
      unit { jurisdiction { policyId } }
      kpi(month: $month) { kpi pending }
      evaluationForm(month: $month) {
        id version state form frameworkVersion statedGrade deadline comment finalScore finalGrade quotaExplanation
        scores { code score }
        deductions { code points reason }
        commenter { name }
        decider { name }
      }
    }
  }
`);

const FrameworkQuery = graphql(`
  query Framework($form: CriteriaForm!, $month: String!) {
    criteriaFramework(form: $form, month: $month) {
      form version effectiveFrom title appliesTo generalMax taskResultsMax
      groups { code title max criteria { code text max } sections { code title max } }
    }
  }
`);

const OpenForm = graphql(`
  mutation OpenForm($month: String!) { openEvaluationForm(month: $month) { id version } }
`);
const SaveForm = graphql(`
  mutation SaveSelfAssessment($id: ID!, $version: Int!, $input: SelfAssessmentInput!) {
    saveSelfAssessment(id: $id, expectedVersion: $version, input: $input) { id version state }
  }
`);
const SubmitForm = graphql(`
  mutation SubmitSelfAssessment($id: ID!, $version: Int!) {
    submitSelfAssessment(id: $id, expectedVersion: $version) { id version state }
  }
`);

const STEP = 0.25;

export function SelfAssessment({ personId }: { personId: string }) {
  const month = hanoiMonth(serverNow());
  const { data, loading, error, refetch } = useQuery(SelfAssessmentQuery, { variables: { personId, month } });
  const person = data?.person;
  const criteriaForm = person?.evaluationForm?.form ?? person?.position.criteriaForm;
  const framework = useQuery(FrameworkQuery, { variables: { form: criteriaForm!, month }, skip: !criteriaForm });
  const [open, opening] = useMutation(OpenForm);
  const [save, saving] = useMutation(SaveForm);
  const [submit, submitting] = useMutation(SubmitForm);
  const [edited, setEdited] = useState<Record<string, number | null>>({});
  const [stated, setStated] = useState<Grade | null | undefined>(undefined);
  const { problem, run: act } = useAction(async () => {
    setEdited({});
    setStated(undefined);
    await refetch();
  });

  const form = person?.evaluationForm ?? null;
  const scores = useMemo(() => {
    const saved = Object.fromEntries((form?.scores ?? []).map((s) => [s.code, s.score]));
    return { ...saved, ...edited } as Record<string, number | null>;
  }, [form, edited]);
  const statedGrade = stated === undefined ? ((form?.statedGrade as Grade | null | undefined) ?? null) : stated;
  const policy: Policy = person ? ((policies as Record<string, Policy>)[person.unit.jurisdiction.policyId] ?? policies.hanoi2026) : policies.hanoi2026;
  const fw = framework.data?.criteriaFramework as unknown as CriteriaFramework | undefined;

  // The live score, by packages/rules itself: the portal never disagrees with the server.
  const live = useMemo(() => {
    if (!fw || !person) return null;
    const all = fw.groups.flatMap((g) => g.criteria);
    const complete = all.every((c) => typeof scores[c.code] === 'number');
    if (!complete) return { missing: all.filter((c) => typeof scores[c.code] !== 'number').length };
    try {
      const deductions = Object.fromEntries((form?.deductions ?? []).map((d) => [d.code, d.points]));
      return { result: formScore({ framework: fw, scores: scores as Record<string, number>, deductions, kpi: person.kpi.kpi ?? null, statedGrade }, policy) };
    } catch (e) {
      return { invalid: e instanceof Error ? e.message : String(e) };
    }
  }, [fw, person, scores, statedGrade, form, policy]);

  if (loading || framework.loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được phiếu đánh giá" description={error.message} />;
  if (framework.error) return <Alert type="error" showIcon title="Không tải được khung tiêu chí" description={framework.error.message} />;
  if (!person || !fw) return <Empty description="Không có khung tiêu chí cho vị trí của bạn" />;

  const editable = !form || form.state === 'DRAFT';
  const input = () => ({ scores: Object.entries(scores).filter(([, v]) => typeof v === 'number').map(([code, score]) => ({ code, score: score as number })), statedGrade });
  const onSave = () => act(async () => {
    const target = form ?? (await open({ variables: { month } })).data!.openEvaluationForm;
    await save({ variables: { id: target.id, version: target.version, input: input() } });
  });
  const onSubmit = () => act(async () => {
    const target = form ?? (await open({ variables: { month } })).data!.openEvaluationForm;
    const saved = (await save({ variables: { id: target.id, version: target.version, input: input() } })).data!.saveSelfAssessment;
    await submit({ variables: { id: saved.id, version: saved.version } });
  });

  const result = live && 'result' in live ? live.result : null;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Tự đánh giá — {monthLabel(month)}</Typography.Title>
      <Typography.Paragraph type="secondary">{fw.title}</Typography.Paragraph>
      {form?.deadline && editable && <Alert type="info" showIcon title={`Hạn gửi: đến ${formatDateTime(lastMoment(form.deadline))} (giờ Hà Nội)`} style={{ marginBottom: 12 }} />}
      {problem && (
        <Alert type="error" showIcon role="alert" title={problem.message} description={problem.field ? `Trường: ${problem.field}` : undefined} style={{ marginBottom: 12 }}
          action={problem.code === 'CONFLICT' ? <Button onClick={() => void act(async () => undefined)}>Tải lại</Button> : undefined} />
      )}

      <Card style={{ marginBottom: 12 }} data-testid="live-score">
        <Space wrap size="large">
          <span>Tiêu chí chung: <strong>{result ? formatNumber(result.general) : '—'}</strong> / {fw.generalMax}</span>
          <span>Kết quả nhiệm vụ: <strong>{result?.taskPoints != null ? formatNumber(result.taskPoints) : '—'}</strong> / {fw.taskResultsMax}</span>
          <span>Tổng điểm: <strong data-testid="score">{result?.score != null ? formatNumber(result.score) : '—'}</strong></span>
          {result?.band && <StatusTag tone="info" data-testid="band">{gradeLabels[result.band]}</StatusTag>}
        </Space>
        {live && 'missing' in live && <Typography.Paragraph style={{ margin: '8px 0 0' }}>Còn {live.missing} tiêu chí chưa chấm.</Typography.Paragraph>}
        {live && 'invalid' in live && <Typography.Paragraph type="danger" style={{ margin: '8px 0 0' }}>Điểm chưa hợp lệ: mỗi tiêu chí từ 0 đến mức tối đa, bước {formatNumber(STEP)}.</Typography.Paragraph>}
        {person.kpi.kpi == null && <Typography.Paragraph style={{ margin: '8px 0 0' }}>KPI tháng chưa tính được ({person.kpi.pending.join(', ')}): điểm kết quả nhiệm vụ sẽ có khi kế hoạch được duyệt và có nhiệm vụ.</Typography.Paragraph>}
        {result?.statedDiffersFromBand && <Typography.Paragraph style={{ margin: '8px 0 0' }}>Mức tự xếp loại khác với mức theo điểm: kết quả xếp loại luôn theo điểm.</Typography.Paragraph>}
      </Card>

      {fw.groups.map((g) => (
        <Card key={g.code} size="small" title={`${g.code}. ${g.title} (tối đa ${formatNumber(g.max)} điểm)`} style={{ marginBottom: 12 }}>
          {g.criteria.map((c) => (
            <div key={c.code} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 6 }}>
                <strong>{c.code}</strong> {c.text}
              </Typography.Paragraph>
              <Space wrap>
                <InputNumber
                  aria-label={`Điểm tiêu chí ${c.code}`}
                  min={0}
                  max={c.max}
                  step={STEP}
                  decimalSeparator=","
                  disabled={!editable}
                  value={scores[c.code] ?? null}
                  onChange={(value) => setEdited((prev) => ({ ...prev, [c.code]: typeof value === 'number' ? value : null }))}
                  style={{ width: 110 }}
                />
                <Typography.Text type="secondary">tối đa {formatNumber(c.max)}</Typography.Text>
              </Space>
            </div>
          ))}
        </Card>
      ))}

      <div style={{ position: 'sticky', bottom: 0, zIndex: 2, background: '#fff', borderTop: '1px solid #d9d9d9', padding: '8px 12px', margin: '0 -16px' }} aria-live="polite">
        Tổng điểm: <strong>{result?.score != null ? formatNumber(result.score) : '—'}</strong>
        {result?.band && <> — {gradeLabels[result.band]}</>}
      </div>

      <Card style={{ marginTop: 12 }}>
        <Space wrap>
          <span>Mức tự xếp loại:</span>
          <Select
            aria-label="Mức tự xếp loại"
            style={{ minWidth: 260 }}
            disabled={!editable}
            allowClear
            value={statedGrade ?? undefined}
            onChange={(value?: Grade) => setStated(value ?? null)}
            options={GRADES.map((g) => ({ value: g, label: gradeLabels[g] }))}
          />
        </Space>
        {editable && (
          <Space style={{ marginTop: 12, display: 'flex' }} wrap>
            <Button onClick={() => void onSave()} loading={saving.loading || opening.loading}>Lưu nháp</Button>
            <Button type="primary" onClick={() => void onSubmit()} loading={submitting.loading} disabled={!result && !(live && 'result' in live)}>Gửi phiếu tự đánh giá</Button>
          </Space>
        )}
      </Card>

      {form && !editable && (
        <Card title="Sau khi gửi" style={{ marginTop: 12 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="Trạng thái"><span data-testid="form-state">{form.state === 'SELF_SUBMITTED' ? 'Đã gửi, chờ nhận xét / quyết định' : form.state === 'COMMENTED' ? 'Đã có ý kiến nhận xét, chờ quyết định' : 'Đã có quyết định xếp loại'}</span></Descriptions.Item>
            {form.comment && <Descriptions.Item label={`Ý kiến của ${form.commenter?.name ?? 'người nhận xét'}`}>{form.comment}</Descriptions.Item>}
            {form.finalGrade && <Descriptions.Item label={`Quyết định của ${form.decider?.name ?? 'cấp có thẩm quyền'}`}>{formatNumber(form.finalScore ?? 0)} điểm — {gradeLabels[form.finalGrade as Grade]}</Descriptions.Item>}
            {form.quotaExplanation && <Descriptions.Item label="Vì sao loại B">{form.quotaExplanation}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
    </>
  );
}
